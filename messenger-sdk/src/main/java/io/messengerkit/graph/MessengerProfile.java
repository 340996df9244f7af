package io.messengerkit.graph;

import io.messengerkit.send.Button;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page's Messenger profile: Get Started button, greeting, persistent menu, ice breakers and
 * whitelisted domains. Only the properties that are set are written; an empty list or empty
 * optional means "leave as is" on {@code set} and "not configured" on {@code get}.
 *
 * @param getStartedPayload the postback payload of the Get Started button
 * @param greetings greeting texts per locale ({@code default} for all)
 * @param persistentMenus menus per locale
 * @param iceBreakers ice-breaker questions per locale
 * @param whitelistedDomains https origins allowed for webviews and plugins
 */
public record MessengerProfile(Optional<String> getStartedPayload, List<Greeting> greetings,
        List<PersistentMenu> persistentMenus, List<IceBreakers> iceBreakers, List<String> whitelistedDomains) {

    /** The profile property names, as Meta spells them, for {@code delete}. */
    public enum Field {
        /** The {@code get_started} field. */
        GET_STARTED("get_started"),
        /** The {@code greeting} field. */
        GREETING("greeting"),
        /** The {@code persistent_menu} field. */
        PERSISTENT_MENU("persistent_menu"),
        /** The {@code ice_breakers} field. */
        ICE_BREAKERS("ice_breakers"),
        /** The {@code whitelisted_domains} field. */
        WHITELISTED_DOMAINS("whitelisted_domains");

        private final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }

        /** {@return the property name on the wire} */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param getStartedPayload the postback payload of the Get Started button
     * @param greetings greeting texts per locale ({@code default} for all)
     * @param persistentMenus menus per locale
     * @param iceBreakers ice-breaker questions per locale
     * @param whitelistedDomains https origins allowed for webviews and plugins
     */
    public MessengerProfile {
        getStartedPayload = getStartedPayload == null ? Optional.empty() : getStartedPayload;
        greetings = greetings == null ? List.of() : List.copyOf(greetings);
        persistentMenus = persistentMenus == null ? List.of() : List.copyOf(persistentMenus);
        iceBreakers = iceBreakers == null ? List.of() : List.copyOf(iceBreakers);
        whitelistedDomains = whitelistedDomains == null ? List.of() : List.copyOf(whitelistedDomains);
        getStartedPayload.ifPresent(p -> {
            if (p.isBlank() || p.length() > 1000) {
                throw new IllegalArgumentException("get started payload must be 1 to 1000 characters");
            }
        });
    }

    /** {@return an empty profile, to fill with the {@code with...} methods} */
    public static MessengerProfile empty() {
        return new MessengerProfile(Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * {@return this profile with a Get Started button sending {@code payload}}
     *
     * @param payload the postback payload sent when the person taps Get Started
     */
    public MessengerProfile withGetStarted(String payload) {
        return new MessengerProfile(Optional.of(payload), greetings, persistentMenus, iceBreakers, whitelistedDomains);
    }

    /**
     * {@return this profile with the given greetings}
     *
     * @param greetings the greeting texts, per locale
     */
    public MessengerProfile withGreetings(Greeting... greetings) {
        return new MessengerProfile(getStartedPayload, List.of(greetings), persistentMenus, iceBreakers,
                whitelistedDomains);
    }

    /**
     * {@return this profile with the given menus}
     *
     * @param menus the menus, per locale
     */
    public MessengerProfile withPersistentMenus(PersistentMenu... menus) {
        return new MessengerProfile(getStartedPayload, greetings, List.of(menus), iceBreakers, whitelistedDomains);
    }

    /**
     * {@return this profile with the given ice breakers}
     *
     * @param iceBreakers the ice breakers, per locale
     */
    public MessengerProfile withIceBreakers(IceBreakers... iceBreakers) {
        return new MessengerProfile(getStartedPayload, greetings, persistentMenus, List.of(iceBreakers),
                whitelistedDomains);
    }

    /**
     * {@return this profile with the given whitelisted domains}
     *
     * @param domains the domains, with scheme
     */
    public MessengerProfile withWhitelistedDomains(String... domains) {
        return new MessengerProfile(getStartedPayload, greetings, persistentMenus, iceBreakers, List.of(domains));
    }

    /**
     * A greeting shown before the first message.
     *
     * @param locale {@code default} or a locale such as {@code en_US}
     * @param text the greeting; {@code {{user_first_name}}} is replaced by Messenger
     */
    public record Greeting(String locale, String text) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param locale {@code default} or a locale such as {@code en_US}
         * @param text the greeting; {@code {{user_first_name}}} is replaced by Messenger
         */
        public Greeting {
            Objects.requireNonNull(locale, "locale");
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("greeting text must not be blank");
            }
        }
    }

    /**
     * The always-available menu in a locale.
     *
     * @param locale {@code default} or a locale
     * @param composerInputDisabled whether people may only use the menu, not type
     * @param callToActions the items: URL or postback buttons, at most 20
     */
    public record PersistentMenu(String locale, boolean composerInputDisabled, List<Button> callToActions) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param locale {@code default} or a locale
         * @param composerInputDisabled whether people may only use the menu, not type
         * @param callToActions the items: URL or postback buttons, at most 20
         */
        public PersistentMenu {
            Objects.requireNonNull(locale, "locale");
            callToActions = callToActions == null ? List.of() : List.copyOf(callToActions);
            if (callToActions.isEmpty() || callToActions.size() > 20) {
                throw new IllegalArgumentException("a persistent menu has 1 to 20 items");
            }
            if (callToActions.stream().anyMatch(b -> !(b instanceof Button.Url || b instanceof Button.Postback))) {
                throw new IllegalArgumentException("a persistent menu holds URL and postback buttons only");
            }
        }
    }

    /**
     * Ice breakers: questions offered when a person opens a new conversation.
     *
     * @param locale {@code default} or a locale
     * @param questions at most 4
     */
    public record IceBreakers(String locale, List<IceBreaker> questions) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param locale {@code default} or a locale
         * @param questions at most 4
         */
        public IceBreakers {
            Objects.requireNonNull(locale, "locale");
            questions = questions == null ? List.of() : List.copyOf(questions);
            if (questions.isEmpty() || questions.size() > 4) {
                throw new IllegalArgumentException("ice breakers hold 1 to 4 questions");
            }
        }
    }

    /**
     * One ice-breaker question.
     *
     * @param question what the person sees
     * @param payload what comes back as a postback when tapped
     */
    public record IceBreaker(String question, String payload) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param question what the person sees
         * @param payload what comes back as a postback when tapped
         */
        public IceBreaker {
            if (question == null || question.isBlank() || payload == null || payload.isBlank()) {
                throw new IllegalArgumentException("an ice breaker needs a question and a payload");
            }
        }
    }
}
