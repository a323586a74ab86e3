package dev.tickflow.matching.engine;

import dev.tickflow.support.streams.OwnerForwarder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The forwarder that answers a query about another instance's book through that instance. */
@ApplicationScoped
public class ForwarderProducer {

    @Produces
    @Singleton
    OwnerForwarder forwarder() {
        return new OwnerForwarder();
    }
}
