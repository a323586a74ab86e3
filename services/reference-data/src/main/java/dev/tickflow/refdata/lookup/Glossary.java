package dev.tickflow.refdata.lookup;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Short definitions of the market terms the platform shows, in English and French. */
final class Glossary {

    private record Definition(String english, String french) {
    }

    private static final Map<String, Definition> TERMS = Map.ofEntries(
            Map.entry("vwap", new Definition(
                    "Volume-weighted average price: the sum of price times quantity of the trades, divided by their total quantity.",
                    "Prix moyen pondéré par les volumes : somme des prix multipliés par les quantités échangées, divisée par la "
                            + "quantité totale.")),
            Map.entry("bid", new Definition("The highest price a buyer is currently willing to pay.",
                    "Le prix le plus élevé qu'un acheteur est prêt à payer à cet instant.")),
            Map.entry("ask", new Definition("The lowest price a seller is currently willing to accept.",
                    "Le prix le plus bas qu'un vendeur est prêt à accepter à cet instant.")),
            Map.entry("spread", new Definition("The difference between the best ask and the best bid.",
                    "L'écart entre la meilleure offre de vente et la meilleure offre d'achat.")),
            Map.entry("tick size", new Definition("The smallest step by which an instrument's price may change.",
                    "Le plus petit pas de variation autorisé pour le prix d'un instrument.")),
            Map.entry("lot size", new Definition("The smallest quantity, and the step of quantities, an instrument trades in.",
                    "La plus petite quantité négociable d'un instrument, et le pas des quantités.")),
            Map.entry("limit order", new Definition("An order to trade at the given price or better.",
                    "Un ordre d'achat ou de vente au prix indiqué ou à un meilleur prix.")),
            Map.entry("market order", new Definition("An order to trade at once at the best prices available.",
                    "Un ordre exécuté immédiatement aux meilleurs prix disponibles.")),
            Map.entry("ioc", new Definition("Immediate or cancel: what does not trade at once is cancelled.",
                    "Exécution immédiate ou annulation : la partie non exécutée sur-le-champ est annulée.")),
            Map.entry("gtc", new Definition("Good till cancelled: the order rests until it trades or is cancelled.",
                    "Valable jusqu'à annulation : l'ordre reste dans le carnet jusqu'à son exécution ou son annulation.")),
            Map.entry("day order", new Definition("An order that expires at the end of the trading session.",
                    "Un ordre qui expire à la clôture de la séance.")),
            Map.entry("p&l", new Definition("Profit and loss: realized on closed positions, unrealized on open ones at the last price.",
                    "Résultat : réalisé sur les positions clôturées, latent sur les positions ouvertes au dernier prix.")),
            Map.entry("sma", new Definition("Simple moving average: the mean of the last N closing prices.",
                    "Moyenne mobile simple : la moyenne des N derniers cours de clôture.")),
            Map.entry("ema", new Definition("Exponential moving average: a moving average that weighs recent prices more.",
                    "Moyenne mobile exponentielle : une moyenne mobile qui pondère davantage les cours récents.")),
            Map.entry("rsi", new Definition("Relative strength index: average gains against average losses over 14 periods, 0 to 100.",
                    "Indice de force relative : gains moyens rapportés aux pertes moyennes sur 14 périodes, de 0 à 100.")),
            Map.entry("bollinger bands", new Definition("A moving average with bands two standard deviations above and below it.",
                    "Une moyenne mobile encadrée de bandes situées à deux écarts-types au-dessus et au-dessous.")));

    private Glossary() {
    }

    /** The definition of a term (any case), in French when asked for, else in English. */
    static Optional<String> define(String term, String language) {
        Definition definition = TERMS.get(term.trim().toLowerCase(Locale.ROOT));
        if (definition == null) {
            return Optional.empty();
        }
        return Optional.of("fr".equalsIgnoreCase(language) ? definition.french() : definition.english());
    }
}
