package io.messengerkit.jakarta.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

    static byte[] write(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + e.getOriginalMessage(), e);
        }
    }
}
