package dev.tickflow.feed.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tickflow.feed.FeedConfig;
import dev.tickflow.model.FixedPoint;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The simulator's instruments: the bundled list (simulator/instruments.csv, twenty large US equities with realistic
 * prices and volatilities), then synthetic SIM0021, SIM0022, ... when more symbols are configured.
 */
@ApplicationScoped
public class InstrumentUniverse {

    private static final String RESOURCE = "simulator/instruments.csv";

    private final List<SimulatedInstrument> instruments;

    InstrumentUniverse(FeedConfig config) {
        List<SimulatedInstrument> bundled = load();
        int wanted = Math.max(1, config.simulator().symbols());
        List<SimulatedInstrument> chosen = new ArrayList<>(bundled.subList(0, Math.min(wanted, bundled.size())));
        for (int i = bundled.size() + 1; chosen.size() < wanted; i++) {
            chosen.add(new SimulatedInstrument(String.format("SIM%04d", i), "Synthetic " + i, "Synthetic", "USD",
                    FixedPoint.parse("0.01"), FixedPoint.ofUnits(50 + (i * 37L) % 100), 0.3));
        }
        this.instruments = List.copyOf(chosen);
    }

    public List<SimulatedInstrument> instruments() {
        return instruments;
    }

    private static List<SimulatedInstrument> load() {
        InputStream in = InstrumentUniverse.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        List<SimulatedInstrument> result = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                result.add(new SimulatedInstrument(cells[0], cells[1], cells[2], cells[3], FixedPoint.parse(cells[4]),
                        FixedPoint.parse(cells[5]), Double.parseDouble(cells[6])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }
}
