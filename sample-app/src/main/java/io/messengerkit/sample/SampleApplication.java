package io.messengerkit.sample;

import io.messengerkit.jakarta.rest.MessengerResources;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.HashSet;
import java.util.Set;

/**
 * The sample as a JAX-RS application on a Jakarta EE 10 server: the admin page, the health check, and the
 * management API and webhook of the Jakarta integration module. Listing the classes here, instead of
 * letting the server scan, keeps the library jar from claiming paths in someone else's WAR.
 */
@ApplicationPath("/")
public class SampleApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(MessengerResources.classes());
        classes.add(HealthResource.class);
        classes.add(WebPageResource.class);
        return classes;
    }
}
