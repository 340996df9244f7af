package io.messengerkit.send;

/** A structured message layout: {@link GenericTemplate} or {@link ButtonTemplate}. */
public sealed interface Template permits GenericTemplate, ButtonTemplate {
}
