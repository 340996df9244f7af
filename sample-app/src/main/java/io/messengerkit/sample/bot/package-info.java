/**
 * The sample's chatbot: {@link io.messengerkit.sample.bot.RuleBasedBot} is the brain (greeting, FAQ
 * keywords, fallback, quick replies and postback buttons), {@link io.messengerkit.sample.bot.SampleHandlers}
 * connects it to the webhook events that matter, one short handler per event kind. Swap the brain for
 * your own and keep the handlers.
 */
package io.messengerkit.sample.bot;
