package dev.tickflow.feed.instruments;

import java.util.concurrent.CompletionStage;

import dev.tickflow.model.Instrument;
import dev.tickflow.model.topic.Channels;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Follows the compacted ref.instruments topic from its beginning, so that every instance knows every instrument.
 * A tombstone (null value) removes one. A record that cannot be read was dead-lettered with its reason by the topic's
 * deserializer; here it is passed over, and the symbols stay as they were.
 */
@ApplicationScoped
public class InstrumentListener {

    private final KnownSymbols knownSymbols;

    InstrumentListener(KnownSymbols knownSymbols) {
        this.knownSymbols = knownSymbols;
    }

    @Incoming(Channels.REF_INSTRUMENTS)
    public CompletionStage<Void> onInstrument(Message<Instrument> message) {
        IncomingKafkaRecordMetadata<?, ?> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        if (metadata.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON) != null) {
            // nacking would dead-letter it a second time, with the whole record copied into the failure headers
            return message.ack();
        }
        String symbol = String.valueOf(metadata.getKey());
        Instrument instrument = message.getPayload();
        if (instrument == null) {
            knownSymbols.referenceRemoved(symbol);
        } else {
            knownSymbols.referenceAdded(instrument.getSymbol());
        }
        return message.ack();
    }
}
