package io.messengerkit.internal.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.graph.GraphUsage;

/** A successful Graph response: status, parsed JSON body and usage headers. */
public record GraphResponse(int status, JsonNode body, GraphUsage usage) {
}
