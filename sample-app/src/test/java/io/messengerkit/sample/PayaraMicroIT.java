package io.messengerkit.sample;

import java.nio.file.Path;
import java.util.Map;

/** The sample WAR on Payara Micro 6 (Jersey, EclipseLink, its bundled H2 as the default datasource). */
class PayaraMicroIT extends DeployedWarChecks {

    @Override
    ServerProcess deploy(Path war, Path target, Map<String, String> env) throws Exception {
        Path jar = Path.of(System.getProperty("payara.micro.jar", target.resolve("payara/payara-micro.jar").toString()));
        return PayaraMicro.start(jar, war, target.resolve("payara"), env);
    }
}
