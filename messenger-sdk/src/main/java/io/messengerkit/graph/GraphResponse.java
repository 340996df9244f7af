package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful Graph response: status, parsed JSON body and usage headers. */
record GraphResponse(int status, JsonNode body, GraphUsage usage) {
}
