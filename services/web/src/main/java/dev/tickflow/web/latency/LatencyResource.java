package dev.tickflow.web.latency;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The latency panel's data: per hop, p50 and p99 over the last interval. */
@Path("/api/latency")
public class LatencyResource {

    private final LatencyPanel panel;

    LatencyResource(LatencyPanel panel) {
        this.panel = panel;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<LatencyPanel.HopLatency> latency() {
        return panel.hops();
    }
}
