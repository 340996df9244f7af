package io.messengerkit.sample;

import java.nio.file.Path;
import java.util.Map;

/**
 * The sample WAR on WildFly 38 (RESTEasy, Hibernate, the in-memory H2 {@code ExampleDS} as the default
 * datasource), under the context root WildFly gives a WAR by its file name: {@code /sample-app/}.
 */
class WildFlyIT extends DeployedWarChecks {

    @Override
    ServerProcess deploy(Path war, Path target, Map<String, String> env) throws Exception {
        Path home = Path.of(System.getProperty("wildfly.home", target.resolve("servers/wildfly").toString()));
        return WildFly.start(home, war, "sample-app.war", target.resolve("wildfly"), env);
    }
}
