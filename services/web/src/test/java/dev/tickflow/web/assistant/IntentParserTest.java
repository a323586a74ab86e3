package dev.tickflow.web.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The console's grammar: the commands a trader types, read the way they meant them. */
class IntentParserTest {

    @Test
    void ordersWithAndWithoutAPrice() {
        assertThat(IntentParser.parse("buy 100 AAPL at 190"))
                .isEqualTo(new Intent.Order("BUY", 100, "AAPL", new BigDecimal("190"), null));
        assertThat(IntentParser.parse("  Sell 1,000 shares of msft @ 410.25 gtc "))
                .isEqualTo(new Intent.Order("SELL", 1000, "MSFT", new BigDecimal("410.25"), "GTC"));
        assertThat(IntentParser.parse("buy 5 brk.b")).as("no price: a market order")
                .isEqualTo(new Intent.Order("BUY", 5, "BRK.B", null, null));
    }

    @Test
    void pricesInSeveralPhrasings() {
        assertThat(IntentParser.parse("price AAPL")).isEqualTo(new Intent.Price("AAPL"));
        assertThat(IntentParser.parse("quote for nvda")).isEqualTo(new Intent.Price("NVDA"));
        assertThat(IntentParser.parse("what's the price of tsla?")).isEqualTo(new Intent.Price("TSLA"));
        assertThat(IntentParser.parse("AAPL?")).isEqualTo(new Intent.Price("AAPL"));
    }

    @Test
    void cancelKeepsTheOrderIdAsTyped() {
        assertThat(IntentParser.parse("cancel AAPL-42-1")).isEqualTo(new Intent.Cancel("AAPL-42-1"));
        assertThat(IntentParser.parse("cancel order aBc")).isEqualTo(new Intent.Cancel("aBc"));
        assertThat(IntentParser.parse("cancel last")).isEqualTo(new Intent.Cancel(null));
    }

    @Test
    void accountQuestions() {
        assertThat(IntentParser.parse("positions")).isEqualTo(new Intent.Positions());
        assertThat(IntentParser.parse("show my P&L")).isEqualTo(new Intent.Positions());
        assertThat(IntentParser.parse("positions?")).as("a question mark does not make a word a symbol")
                .isEqualTo(new Intent.Positions());
        assertThat(IntentParser.parse("my open orders")).isEqualTo(new Intent.OpenOrders());
        assertThat(IntentParser.parse("top movers")).isEqualTo(new Intent.Movers());
        assertThat(IntentParser.parse("Why was my last order rejected?")).isEqualTo(new Intent.WhyRejected());
        assertThat(IntentParser.parse("why rejected")).isEqualTo(new Intent.WhyRejected());
    }

    @Test
    void termsInEnglishAndFrench() {
        assertThat(IntentParser.parse("what is VWAP")).isEqualTo(new Intent.Define("vwap", "en"));
        assertThat(IntentParser.parse("What is the spread?")).isEqualTo(new Intent.Define("spread", "en"));
        assertThat(IntentParser.parse("explain bid in french")).isEqualTo(new Intent.Define("bid", "fr"));
        assertThat(IntentParser.parse("qu'est-ce que le VWAP ?")).isEqualTo(new Intent.Define("vwap", "fr"));
    }

    @Test
    void helpAndWhatItDoesNotUnderstand() {
        assertThat(IntentParser.parse("help")).isEqualTo(new Intent.Help());
        assertThat(IntentParser.parse("")).isEqualTo(new Intent.Help());
        assertThat(IntentParser.parse("biy 100 AAPL at 190")).as("a typo of a verb gets the command it was meant to be")
                .isEqualTo(new Intent.Unknown("biy 100 AAPL at 190", "buy 100 AAPL at 190"));
        assertThat(IntentParser.parse("quantum flux")).isEqualTo(new Intent.Unknown("quantum flux", null));
        assertThat(IntentParser.parse("posiitons")).isEqualTo(new Intent.Unknown("posiitons", "positions"));
        assertThat(IntentParser.parse("buy lots of AAPL")).as("an order without a quantity is not guessed")
                .isInstanceOf(Intent.Unknown.class);
    }
}
