package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.messengerkit.send.AttachmentTooLargeException;
import io.messengerkit.send.Message;
import io.messengerkit.send.MediaAttachment.MediaType;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.UnsupportedAttachmentTypeException;
import io.messengerkit.testing.FakeTime;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AttachmentUploadTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private GraphClient graph;

    @BeforeEach
    void setUp() {
        graph = GraphTestSupport.client(wm);
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/message_attachments"))
                .willReturn(okJson("{\"attachment_id\":\"att-42\"}")));
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages"))
                .willReturn(okJson("{\"recipient_id\":\"psid-1\",\"message_id\":\"m_1\"}")));
    }

    private static LoggedRequest onlyUpload() {
        List<LoggedRequest> found = wm.findAll(postRequestedFor(urlPathEqualTo("/v26.0/me/message_attachments")));
        assertEquals(1, found.size());
        return found.get(0);
    }

    @Test
    void uploadsBytesAsMultipartAndSendsTheReusableIdAfterwards() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
        UploadedAttachment saved = graph.attachments().upload(TestSecrets.PAGE_TOKEN,
                AttachmentUpload.ofBytes(MediaType.IMAGE, png, "logo.png", "image/png"));

        assertEquals(new UploadedAttachment("att-42", MediaType.IMAGE), saved);
        LoggedRequest upload = onlyUpload();
        assertTrue(upload.getHeader("Content-Type").startsWith("multipart/form-data; boundary="));
        assertEquals("Bearer " + TestSecrets.PAGE_TOKEN_VALUE, upload.getHeader("Authorization"));
        var message = upload.getPart("message");
        assertTrue(message.getBody().asString().contains("\"type\":\"image\""));
        assertTrue(message.getBody().asString().contains("\"is_reusable\":true"));
        var file = upload.getPart("filedata");
        assertEquals("image/png", file.getHeader("Content-Type").firstValue());
        assertTrue(file.getHeader("Content-Disposition").firstValue().contains("filename=\"logo.png\""));
        assertArrayEquals(png, file.getBody().asBytes());

        graph.messenger(TestSecrets.PAGE_TOKEN).send(SendRequest.to("psid-1", Message.of(saved.asAttachment())));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"message\":{\"attachment\":{\"type\":\"image\",\"payload\":{\"attachment_id\":\"att-42\"}}}}",
                false, true)));
    }

    @Test
    void uploadsAFileStreamedWithItsLength(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("terms.pdf");
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        Files.write(pdf, content);

        graph.attachments().upload(TestSecrets.PAGE_TOKEN, AttachmentUpload.ofFile(MediaType.FILE, pdf, "application/pdf"));

        LoggedRequest upload = onlyUpload();
        assertArrayEquals(content, upload.getPart("filedata").getBody().asBytes());
        assertTrue(upload.getHeader("Content-Length") != null || upload.getHeader("content-length") != null);
    }

    @Test
    void uploadsAStreamOfUnknownLength() {
        byte[] audio = "ID3-fake-mp3-bytes".getBytes(StandardCharsets.US_ASCII);
        graph.attachments().upload(TestSecrets.PAGE_TOKEN,
                AttachmentUpload.ofStream(MediaType.AUDIO, new ByteArrayInputStream(audio), -1, "hi.mp3", "audio/mpeg"));
        assertArrayEquals(audio, onlyUpload().getPart("filedata").getBody().asBytes());
    }

    @Test
    void aStreamUploadIsNotRetriedBecauseTheStreamIsSpent() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/message_attachments")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Temporary\",\"type\":\"OAuthException\",\"code\":2,"
                        + "\"is_transient\":true,\"fbtrace_id\":\"T2\"}}")));
        assertThrows(TransientGraphException.class, () -> graph.attachments().upload(TestSecrets.PAGE_TOKEN,
                AttachmentUpload.ofStream(MediaType.FILE, new ByteArrayInputStream(new byte[] {1, 2}), 2, "a.bin",
                        "application/octet-stream")));
        assertEquals(1, wm.findAll(postRequestedFor(urlPathEqualTo("/v26.0/me/message_attachments"))).size());

        wm.resetRequests();
        assertThrows(TransientGraphException.class, () -> graph.attachments().upload(TestSecrets.PAGE_TOKEN,
                AttachmentUpload.ofBytes(MediaType.FILE, new byte[] {1, 2}, "a.bin", "application/octet-stream")));
        assertTrue(wm.findAll(postRequestedFor(urlPathEqualTo("/v26.0/me/message_attachments"))).size() > 1,
                "bytes can be sent again");
    }

    @Test
    void uploadFromUrlSendsJsonWithIsReusable() {
        graph.attachments().upload(TestSecrets.PAGE_TOKEN,
                AttachmentUpload.fromUrl(MediaType.VIDEO, "https://cdn.example.test/clip.mp4"));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/message_attachments"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"message\":{\"attachment\":{\"type\":\"video\",\"payload\":"
                        + "{\"url\":\"https://cdn.example.test/clip.mp4\",\"is_reusable\":true}}}}")));
    }

    @Test
    void oversizedDeclaredFileFailsBeforeAnyRequest() {
        AttachmentTooLargeException e = assertThrows(AttachmentTooLargeException.class, () -> AttachmentUpload.ofStream(
                MediaType.VIDEO, InputStream.nullInputStream(), AttachmentUpload.MAX_BYTES + 1, "big.mp4", "video/mp4"));
        assertEquals(AttachmentUpload.MAX_BYTES, e.limit());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void streamLongerThanTheLimitIsCutOffWhileSending() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        AttachmentTooLargeException e = assertThrows(AttachmentTooLargeException.class, () -> graph.attachments()
                .upload(TestSecrets.PAGE_TOKEN, AttachmentUpload.ofStream(MediaType.FILE, endless, -1, "loop.bin",
                        "application/octet-stream")));
        assertTrue(e.size() > AttachmentUpload.MAX_BYTES);
    }

    @Test
    void wrongContentTypeFailsBeforeAnyRequest() {
        assertThrows(UnsupportedAttachmentTypeException.class, () -> AttachmentUpload.ofBytes(MediaType.AUDIO,
                new byte[] {1}, "song.mp3", "application/octet-stream"));
        assertThrows(UnsupportedAttachmentTypeException.class, () -> AttachmentUpload.ofBytes(MediaType.IMAGE,
                new byte[] {1}, "clip.mp4", "video/mp4"));
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void metasTypeMismatchErrorSurfacesAsInvalidRequest() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/message_attachments")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Attachment type mismatch\",\"type\":\"OAuthException\","
                        + "\"code\":100,\"error_subcode\":2018047,\"fbtrace_id\":\"T1\"}}")));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> graph.attachments().upload(
                TestSecrets.PAGE_TOKEN, AttachmentUpload.ofBytes(MediaType.FILE, new byte[] {1}, "a.bin", "text/plain")));
        assertEquals(2018047, e.subcode());
    }

    @Test
    void audioAndVideoUploadsTakeTheMediaRate() {
        FakeTime time = FakeTime.autoAdvance(GraphTestSupport.START);
        GraphClient slow = GraphTestSupport.client(GraphTestSupport.config(wm).sendRateLimits(300, 2).build(), time);
        for (int i = 0; i < 5; i++) {
            slow.attachments().upload(TestSecrets.PAGE_TOKEN,
                    AttachmentUpload.ofBytes(MediaType.AUDIO, new byte[] {1, 2}, "a.mp3", "audio/mpeg"));
        }
        assertTrue(time.millis() - GraphTestSupport.START.toEpochMilli() >= 1000,
                "5 audio uploads at 2/s take at least a second");
        long before = time.millis();
        for (int i = 0; i < 5; i++) {
            slow.attachments().upload(TestSecrets.PAGE_TOKEN,
                    AttachmentUpload.ofBytes(MediaType.IMAGE, new byte[] {1, 2}, "a.png", "image/png"));
        }
        assertEquals(before, time.millis(), "images use the general rate");
    }
}
