package io.messengerkit.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conversation Routing with the page token, the emulated app being the Page's default app:
 * {@code POST /me/pass_thread_control} ({@code recipient}, {@code target_app_id}, {@code metadata}),
 * {@code take_thread_control}, {@code request_thread_control}, {@code release_thread_control},
 * {@code extend_thread_control} ({@code duration} seconds, at most 7 days), all answering
 * {@code {"success":true}}; {@code GET /me/thread_owner?recipient=PSID} and
 * {@code GET /me/secondary_receivers}. Moving a thread another app controls fails with code 10,
 * subcode 2018300, as does a send while another app (the Page inbox included) controls it. Control
 * lapses after 24 hours without a message in the thread (the thread goes idle), or at the end of an
 * extension.
 */
final class RoutingArea implements GraphArea {
    static final String PAGE_INBOX_APP_ID = "263902037430900";
    private static final long MAX_EXTENSION_SECONDS = 7L * 24 * 3600;

    private final World world;
    private final GraphAuth auth;
    private final EmulatedApp app;

    RoutingArea(World world, GraphAuth auth, EmulatedApp app) {
        this.world = world;
        this.auth = auth;
        this.app = app;
    }

    static GraphErrorException notOwner() {
        return new GraphErrorException(new EmulatedGraphError(400, 10, 2018300, "OAuthException",
                "(#10) Another app controls this thread now", null));
    }

    @Override
    public void register(GraphRoutes routes) {
        routes.edge("pass_thread_control", Set.of("POST"), (r, t, id) -> control(r, t, id, "pass"));
        routes.edge("take_thread_control", Set.of("POST"), (r, t, id) -> control(r, t, id, "take"));
        routes.edge("request_thread_control", Set.of("POST"), (r, t, id) -> control(r, t, id, "request"));
        routes.edge("release_thread_control", Set.of("POST"), (r, t, id) -> control(r, t, id, "release"));
        routes.edge("extend_thread_control", Set.of("POST"), (r, t, id) -> control(r, t, id, "extend"));
        routes.edge("thread_owner", Set.of("GET"), this::threadOwner);
        routes.edge("secondary_receivers", Set.of("GET"), this::secondaryReceivers);
    }

    private String psid(GraphRequest r, PageRecord page) {
        JsonNode recipient = r.jsonParam("recipient");
        String psid = recipient == null ? null : recipient.isObject() ? recipient.path("id").asText(null) : recipient.asText();
        if (psid == null || psid.isBlank()) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("The parameter recipient is required"));
        }
        if (world.customer(page.id, psid) == null) {
            throw new GraphErrorException(EmulatedGraphError.noMatchingUser());
        }
        return psid;
    }

    private Map<String, Object> control(GraphRequest r, TokenRecord token, String pageId, String action) {
        PageRecord page = auth.pageOfPageToken(r, token, pageId);
        GraphAuth.requireScope(token, "pages_messaging");
        String psid = psid(r, page);
        String metadata = r.param("metadata");
        if (metadata != null && metadata.length() > 1000) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Length of param metadata must be less than or equal to 1000"));
        }
        String owner = world.threadOwner(page.id, psid);
        boolean ours = owner == null || owner.equals(app.id());
        switch (action) {
            case "pass" -> {
                String target = r.param("target_app_id");
                if (target == null || !(target.equals(app.id()) || target.equals(PAGE_INBOX_APP_ID)
                        || world.otherApps().containsKey(target))) {
                    throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                            "Param target_app_id must be an app connected to this page"));
                }
                if (!ours) {
                    throw notOwner();
                }
                world.threadOwner(page.id, psid, target);
            }
            case "take" -> world.threadOwner(page.id, psid, app.id());
            case "request" -> {
                if (ours) {
                    // Idle (or already ours): the default app is granted control; otherwise the owner is asked.
                    world.threadOwner(page.id, psid, app.id());
                }
            }
            case "release" -> {
                if (!ours) {
                    throw notOwner();
                }
                world.threadOwner(page.id, psid, null);
            }
            default -> {
                if (owner == null || !owner.equals(app.id())) {
                    throw notOwner();
                }
                long duration;
                try {
                    duration = Long.parseLong(String.valueOf(r.param("duration")));
                } catch (NumberFormatException e) {
                    duration = -1;
                }
                if (duration < 1 || duration > MAX_EXTENSION_SECONDS) {
                    throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                            "Param duration must be between 1 and " + MAX_EXTENSION_SECONDS + " seconds"));
                }
                world.extendThreadControl(page.id, psid, java.time.Duration.ofSeconds(duration));
            }
        }
        return Map.of("success", true);
    }

    private Map<String, Object> threadOwner(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = auth.pageOfPageToken(r, token, pageId);
        World.ThreadControl control = world.threadControl(page.id, psid(r, page));
        List<Object> data = new ArrayList<>();
        if (control != null) {
            data.add(Map.of("thread_owner", Map.of("app_id", control.appId(),
                    "expiration", control.expiresAt().toString())));
        }
        return Map.of("data", data);
    }

    private Map<String, Object> secondaryReceivers(GraphRequest r, TokenRecord token, String pageId) {
        auth.pageOfPageToken(r, token, pageId);
        List<Object> data = new ArrayList<>();
        Map<String, String> apps = new LinkedHashMap<>();
        apps.put(PAGE_INBOX_APP_ID, "Page Inbox");
        apps.putAll(world.otherApps());
        apps.forEach((id, name) -> data.add(Map.of("id", id, "name", name)));
        return Map.of("data", data);
    }
}
