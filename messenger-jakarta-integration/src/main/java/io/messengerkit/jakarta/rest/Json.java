package io.messengerkit.jakarta.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * JSON in and out of the resources, with the SDK's Jackson rather than whatever JSON provider the
 * server has (JSON-B on some, Jackson on others): the wire format is the same everywhere.
 * Field names are snake_case, as in the seed's API; times are ISO-8601 strings.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static final MediaType PROBLEM = new MediaType("application", "problem+json");
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    private Json() {
    }

    static Response ok(Object body) {
        return Response.ok(write(body), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response status(int status, Object body) {
        return Response.status(status).entity(write(body)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static byte[] write(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a small JSON request body into {@code type}; 400 when it is not JSON of that shape, 413 when too large. */
    static <T> T read(InputStream body, Class<T> type) {
        byte[] bytes = BoundedBody.read(body, MAX_REQUEST_BYTES);
        if (bytes.length == 0) {
            throw ApiProblem.invalid("body", "a JSON object is required");
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalid("body", "not valid JSON for this request");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
