package dev.tickflow.matching.book;

/** One price of one side: its orders in time priority (an intrusive FIFO list) and their total quantity. */
final class Level {

    long price;
    long quantity;
    int orders;
    Order head;
    Order tail;

    void append(Order order) {
        order.level = this;
        order.previous = tail;
        order.next = null;
        if (tail == null) {
            head = order;
        } else {
            tail.next = order;
        }
        tail = order;
        quantity += order.leaves;
        orders++;
    }

    void remove(Order order) {
        if (order.previous == null) {
            head = order.next;
        } else {
            order.previous.next = order.next;
        }
        if (order.next == null) {
            tail = order.previous;
        } else {
            order.next.previous = order.previous;
        }
        quantity -= order.leaves;
        orders--;
        order.previous = null;
        order.next = null;
        order.level = null;
    }

    boolean empty() {
        return head == null;
    }

    void clear() {
        price = 0;
        quantity = 0;
        orders = 0;
        head = null;
        tail = null;
    }
}
