package dev.tickflow.feed.poll;

import java.util.List;

import dev.tickflow.feed.FeedConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the poller asks and where it finds the answer; changeable at run time.
 *
 * @param url template with {symbol}
 * @param pricePath JSON Pointer ({@code /data/price}) or dotted path ({@code data.price}) to the price
 */
@RegisterForReflection
public record PollSettings(String url, List<String> symbols, String pricePath, String quantityPath, String timestampPath) {

    public PollSettings {
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("url must be an http or https URL");
        }
    }

    static PollSettings from(FeedConfig.Poll config) {
        return new PollSettings(config.url().orElse(null), config.symbols().orElse(List.of()), config.pricePath(),
                config.quantityPath().orElse(null), config.timestampPath().orElse(null));
    }

    /** Overrides the fields given, keeps the others. */
    PollSettings merge(PollSettings update) {
        if (update == null) {
            return this;
        }
        PollSettings merged = new PollSettings(update.url() != null ? update.url() : url,
                update.symbols().isEmpty() ? symbols : update.symbols(),
                update.pricePath() != null ? update.pricePath() : pricePath,
                update.quantityPath() != null ? update.quantityPath() : quantityPath,
                update.timestampPath() != null ? update.timestampPath() : timestampPath);
        if (merged.pricePath() == null || merged.pricePath().isBlank()) {
            throw new IllegalArgumentException("pricePath is required");
        }
        return merged;
    }

    /** Accepts either path notation; JSON Pointer is what Jackson evaluates. */
    static String toPointer(String path) {
        if (path == null || path.isBlank() || path.startsWith("/")) {
            return path;
        }
        return "/" + path.replace('.', '/');
    }
}
