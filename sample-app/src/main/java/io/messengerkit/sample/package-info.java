/**
 * The sample application: the Messenger flow of the seed integration guide, from "Continue with
 * Facebook" in the browser to a chatbot answering on Messenger, built on the Jakarta integration module.
 *
 * <p>The same classes run as a WAR on a Jakarta EE 10 server ({@link io.messengerkit.sample.SampleApplication})
 * and standalone on Grizzly ({@code io.messengerkit.sample.standalone.StandaloneMain}). The chatbot lives in
 * {@link io.messengerkit.sample.bot}.
 */
package io.messengerkit.sample;
