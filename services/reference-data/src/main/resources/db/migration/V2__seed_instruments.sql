-- The simulator's twenty instruments, so that a fresh stack has reference data; each change is in the outbox.
INSERT INTO instrument (symbol, name, currency, tick_size, lot_size, sector, tradable, updated_at) VALUES
    ('AAPL', 'Apple Inc.', 'USD', 10000, 1, 'Technology', TRUE, now()),
    ('MSFT', 'Microsoft Corp.', 'USD', 10000, 1, 'Technology', TRUE, now()),
    ('NVDA', 'NVIDIA Corp.', 'USD', 10000, 1, 'Technology', TRUE, now()),
    ('AMZN', 'Amazon.com Inc.', 'USD', 10000, 1, 'Consumer Discretionary', TRUE, now()),
    ('GOOGL', 'Alphabet Inc. Class A', 'USD', 10000, 1, 'Communication Services', TRUE, now()),
    ('META', 'Meta Platforms Inc.', 'USD', 10000, 1, 'Communication Services', TRUE, now()),
    ('TSLA', 'Tesla Inc.', 'USD', 10000, 1, 'Consumer Discretionary', TRUE, now()),
    ('JPM', 'JPMorgan Chase & Co.', 'USD', 10000, 1, 'Financials', TRUE, now()),
    ('V', 'Visa Inc.', 'USD', 10000, 1, 'Financials', TRUE, now()),
    ('JNJ', 'Johnson & Johnson', 'USD', 10000, 1, 'Health Care', TRUE, now()),
    ('WMT', 'Walmart Inc.', 'USD', 10000, 1, 'Consumer Staples', TRUE, now()),
    ('XOM', 'Exxon Mobil Corp.', 'USD', 10000, 1, 'Energy', TRUE, now()),
    ('PG', 'Procter & Gamble Co.', 'USD', 10000, 1, 'Consumer Staples', TRUE, now()),
    ('MA', 'Mastercard Inc.', 'USD', 10000, 1, 'Financials', TRUE, now()),
    ('HD', 'Home Depot Inc.', 'USD', 10000, 1, 'Consumer Discretionary', TRUE, now()),
    ('KO', 'Coca-Cola Co.', 'USD', 10000, 1, 'Consumer Staples', TRUE, now()),
    ('PEP', 'PepsiCo Inc.', 'USD', 10000, 1, 'Consumer Staples', TRUE, now()),
    ('NFLX', 'Netflix Inc.', 'USD', 10000, 1, 'Communication Services', TRUE, now()),
    ('AMD', 'Advanced Micro Devices Inc.', 'USD', 10000, 1, 'Technology', TRUE, now()),
    ('INTC', 'Intel Corp.', 'USD', 10000, 1, 'Technology', TRUE, now());
INSERT INTO outbox (aggregate, aggregate_key) SELECT 'instrument', symbol FROM instrument ORDER BY symbol;
