package dev.tickflow.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether something already listens on a local port: the launcher refuses to start a second broker on it. */
final class Ports {

    private Ports() {
    }

    static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
