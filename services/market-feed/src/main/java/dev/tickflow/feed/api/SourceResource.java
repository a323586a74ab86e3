package dev.tickflow.feed.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.feed.poll.HttpPollSource;
import dev.tickflow.feed.poll.PollSettings;
import dev.tickflow.feed.replay.FileReplaySource;
import dev.tickflow.feed.replay.ReplayRequest;
import dev.tickflow.feed.simulator.SimulatorSource;
import dev.tickflow.feed.source.ControllableSource;
import dev.tickflow.feed.source.PushSwitch;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Switches tick sources on and off and retunes them while the service runs. */
@Path("/sources")
@RolesAllowed({ApiTokenIdentityProvider.FEED, ApiTokenIdentityProvider.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    private final SimulatorSource simulator;
    private final FileReplaySource replay;
    private final HttpPollSource poll;
    private final Map<String, ControllableSource> sources = new LinkedHashMap<>();
    private final ObjectMapper mapper;

    SourceResource(SimulatorSource simulator, FileReplaySource replay, HttpPollSource poll, PushSwitch push, ObjectMapper mapper) {
        this.simulator = simulator;
        this.replay = replay;
        this.poll = poll;
        this.mapper = mapper;
        for (ControllableSource source : List.of(simulator, replay, poll, push)) {
            sources.put(source.name(), source);
        }
    }

    /** How a source looks over REST. */
    @RegisterForReflection
    public record SourceView(String name, boolean running, Map<String, Object> status) {
    }

    /**
     * Retuning the simulator; absent fields keep their value.
     *
     * @param outOfOrderShare share of ticks stamped slightly in the past
     * @param lateShare share of ticks stamped beyond a typical grace period
     */
    @RegisterForReflection
    public record SimulatorUpdate(Double ticksPerSecond, Double outOfOrderShare, Double lateShare) {
    }

    @GET
    @Operation(summary = "Every tick source with its state")
    public List<SourceView> list() {
        return sources.values().stream().map(SourceResource::view).toList();
    }

    @GET
    @Path("{name}")
    public SourceView get(@PathParam("name") String name) {
        return view(source(name));
    }

    @POST
    @Path("{name}/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a source", description = "file-replay takes {file, speed (number or 'max'), rebaseTime, loop}; "
            + "http-poll takes {url, symbols, pricePath, quantityPath, timestampPath}; simulator takes {ticksPerSecond}.")
    public SourceView start(@PathParam("name") String name, JsonNode body) throws Exception {
        ControllableSource source = source(name);
        boolean hasBody = body != null && !body.isNull() && !body.isMissingNode() && !body.isEmpty();
        if (source == replay && hasBody) {
            replay.start(mapper.treeToValue(body, ReplayRequest.class));
        } else {
            if (source == poll && hasBody) {
                poll.update(mapper.treeToValue(body, PollSettings.class));
            } else if (source == simulator && hasBody) {
                retune(mapper.treeToValue(body, SimulatorUpdate.class));
            }
            source.start();
        }
        return view(source);
    }

    @POST
    @Path("{name}/stop")
    public SourceView stop(@PathParam("name") String name) {
        ControllableSource source = source(name);
        source.stop();
        return view(source);
    }

    @PATCH
    @Path("simulator")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retune the running simulator")
    public SourceView retune(SimulatorUpdate update) {
        if (update == null) {
            throw new IllegalArgumentException("a body with ticksPerSecond, outOfOrderShare or lateShare is required");
        }
        simulator.retune(simulator.settings().with(update.ticksPerSecond(), update.outOfOrderShare(), update.lateShare()));
        return view(simulator);
    }

    @PATCH
    @Path("http-poll")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change what the poller asks")
    public SourceView repoint(PollSettings update) {
        poll.update(update);
        return view(poll);
    }

    private ControllableSource source(String name) {
        ControllableSource source = sources.get(name);
        if (source == null) {
            throw new NotFoundException("no source '" + name + "'; sources are " + sources.keySet());
        }
        return source;
    }

    private static SourceView view(ControllableSource source) {
        return new SourceView(source.name(), source.running(), source.status());
    }
}
