package dev.tickflow.matching.book;

import java.util.ArrayList;
import java.util.List;

/** Writes every event down as text, in order, for assertions. */
final class RecordingListener implements BookListener {

    final List<String> events = new ArrayList<>();

    @Override
    public void onTrade(Order aggressor, Order resting, long price, long quantity) {
        events.add("trade " + aggressor.id() + "x" + resting.id() + " " + quantity + "@" + price);
    }

    @Override
    public void onRested(Order order) {
        events.add("rested " + order.id() + " " + order.leaves() + "@" + order.price());
    }

    @Override
    public void onCancelled(Order order, CancelReason reason) {
        events.add("cancelled " + order.id() + " " + order.leaves() + " " + reason);
    }

    @Override
    public void onReplaced(Order order, boolean keptPriority) {
        events.add("replaced " + order.id() + " " + order.leaves() + "@" + order.price() + (keptPriority ? " kept" : " requeued"));
    }

    List<String> drain() {
        List<String> drained = List.copyOf(events);
        events.clear();
        return drained;
    }
}
