package io.messengerkit.jakarta.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes this module's response records and problem documents as JSON with the SDK's Jackson
 * ({@link JsonBodies#MAPPER}), on every JAX-RS runtime alike.
 *
 * <p>Registered with the resources ({@link MessengerResources#classes()}), so standalone Jersey and
 * every application server use it whatever JSON provider they bring (JSON-B on some, their own
 * Jackson on others): an application's providers take precedence over a runtime's built-in ones,
 * and being declared for {@link JsonBody} rather than {@code Object} makes it the closest match for
 * the module's types. Other types are left to the host's providers.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
@Priority(Priorities.ENTITY_CODER)
public class JsonBodyWriter implements MessageBodyWriter<JsonBody> {

    /** For the JAX-RS runtime. */
    public JsonBodyWriter() {
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonBody.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(JsonBody body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        JsonBodies.MAPPER.writeValue(out, body);
    }
}
