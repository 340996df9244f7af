package io.messengerkit.jakarta.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.messengerkit.jakarta.error.InvalidInputException;
import io.messengerkit.jakarta.error.PayloadTooLargeException;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * JSON in and out of the resources, bound to records by the SDK's Jackson.
 *
 * <p>Field names are snake_case, as in the seed's API. Reading is as forgiving as the seed's
 * clients need: unknown members are ignored, a scalar where text is expected is read as its text
 * (so {@code "chatbot_id": 42} is {@code "42"}), and an object or array where text is expected
 * counts as absent, so validation names the field instead of the parser failing on the first one.
 */
final class JsonBodies {
    static final MediaType PROBLEM = new MediaType("application", "problem+json");
    /** The largest management request body read. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // JAX-RS owns the response stream: writing a body must not close it.
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .addModule(new SimpleModule("messengerkit-lenient-text").addDeserializer(String.class, new ScalarText()))
            .build();

    /** Whether a request must have a body. */
    enum Body {
        REQUIRED,
        OPTIONAL
    }

    private JsonBodies() {
    }

    /**
     * Reads a request body into {@code type}.
     *
     * @return the record, or null when the body is empty and optional
     * @throws PayloadTooLargeException over {@link #MAX_REQUEST_BYTES}
     * @throws InvalidInputException (field {@code body}) when it is required and empty, not JSON, or not one JSON object
     */
    static <T extends JsonBody> T read(InputStream in, Class<T> type, Body body) {
        byte[] bytes = PayloadTooLargeException.readAtMost(in, MAX_REQUEST_BYTES);
        if (bytes.length == 0) {
            if (body == Body.REQUIRED) {
                throw new InvalidInputException("body", "a JSON object is required");
            }
            return null;
        }
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("body", "must be a JSON object");
            }
            return MAPPER.readerFor(type).readValue(parser);
        } catch (StreamReadException e) {
            throw new InvalidInputException("body", "not valid JSON");
        } catch (DatabindException e) {
            throw new InvalidInputException(field(e), "has the wrong type");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    private static String field(DatabindException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty() && m.getPath().get(0).getFieldName() != null) {
            return m.getPath().get(0).getFieldName();
        }
        return "body";
    }

    /** Text from any scalar; null (absent) for an object or array, which is skipped. */
    static final class ScalarText extends StdDeserializer<String> {
        private static final long serialVersionUID = 1L;

        ScalarText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken().isScalarValue()) {
                return p.getText();
            }
            p.skipChildren();
            return null;
        }
    }
}
