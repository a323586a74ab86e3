package dev.tickflow.launcher;

import java.nio.file.Path;

/** One service module and where it listens in the local stack. */
record Service(String name, Path moduleDir, int port) {

    Path runnerJar() {
        return moduleDir.resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    String url() {
        return "http://localhost:" + port;
    }
}
