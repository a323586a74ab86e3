package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TestInstruments;
import dev.tickflow.testsupport.TopicClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against the packaged services on a real broker, the simulator feeding prices:
 * the watchlist and the chart come alive, two accounts in two tabs trade with each other from the order ticket, the
 * fill reaches both blotters and the positions, a resting order is cancelled from the blotter, and the assistant
 * answers. Screenshots go to target/screenshots.
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("tickflow.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("tickflow.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String[] SERVICES = {"market-feed", "market-stats", "matching-engine", "risk", "order-gateway", "web"};
    private static final Map<String, ServiceProcess> STACK = new HashMap<>();
    private static ChromeDriver browser;

    @BeforeAll
    static void startTheStackAndTheBrowser() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the browser test: install chromium and chromium-driver (.ci/run does)");
        }
        assumeTrue(present, "no Chromium here (apt-get install chromium chromium-driver): the dashboard test is skipped");
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        Path work = TradingStack.freshDirectory("dashboard");
        // reference-data does not run here: the simulator's five symbols as it would publish them (risk refuses others)
        try (TopicClient topics = new TopicClient(bootstrap)) {
            TestInstruments.publish(topics, "AAPL", "MSFT", "NVDA", "AMZN", "GOOGL");
        }
        for (String service : SERVICES) {
            Map<String, String> extra = new HashMap<>();
            if (service.equals("market-feed")) {
                // enough to draw live candles without taking the two cores from everything else
                extra.put("tickflow.feed.simulator.ticks-per-second", "100");
                extra.put("tickflow.feed.simulator.symbols", "5");
            }
            if (service.equals("web")) {
                extra.put("tickflow.web.gateway-url", STACK.get("order-gateway").url("").toString());
                extra.put("tickflow.web.risk-url", STACK.get("risk").url("").toString());
                extra.put("tickflow.web.stats-url", STACK.get("market-stats").url("").toString());
                extra.put("tickflow.web.matching-url", STACK.get("matching-engine").url("").toString());
                extra.put("tickflow.web.latency.orders.metrics", STACK.get("order-gateway").url("/q/metrics").toString());
                extra.put("tickflow.web.latency.feed.metrics", STACK.get("market-feed").url("/q/metrics").toString());
                extra.put("tickflow.web.latency.bars.metrics", STACK.get("market-stats").url("/q/metrics").toString());
            }
            STACK.put(service, TradingStack.start(service, work, bootstrap, extra));
        }
        for (String service : SERVICES) {
            STACK.get(service).awaitReady(TradingStack.START);
        }
        TradingStack.resumeDemoTraders(STACK.get("risk"));
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no network beyond localhost here: the flags stop Chromium's own background connections
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1600,1200", "--user-data-dir=" + Files.createTempDirectory("tickflow-chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        STACK.values().forEach(ServiceProcess::close);
    }

    @AfterEach
    void pageErrors() throws IOException {
        if (browser != null) {
            // every open tab as it was at the end, passed or failed
            for (String tab : browser.getWindowHandles()) {
                browser.switchTo().window(tab);
                screenshot("end-" + browser.findElement(By.id("who")).getText().replaceAll("\\W", ""));
            }
            List<?> errors = (List<?>) browser.executeScript("return window.__errors || []");
            assertThat(errors).as("script errors on the page").isEmpty();
        }
    }

    @Test
    void twoAccountsTradeFromTheDashboard() throws Exception {
        String dashboard = STACK.get("web").url("/").toString();
        browser.get(dashboard);
        watchErrors();
        signIn("alice-demo-token", "alice");
        String aliceTab = browser.getWindowHandle();

        // live market data: prices in the watchlist, candles and volume on the chart, changing as ticks arrive
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(page -> page.findElements(By.cssSelector("#watchlist tbody tr")).size() >= 5);
        String symbol = browser.findElement(By.id("chart-symbol")).getText();
        String lastPrice = "#watchlist tr[data-symbol='" + symbol + "'] .last";
        String firstLast = wait.until(page -> text(lastPrice));
        wait.until(page -> candles() > 0);
        wait.until(page -> !firstLast.equals(text(lastPrice)));
        screenshot("1-market");

        BigDecimal last = new BigDecimal(browser.findElement(By.id("chart-last")).getText().replace(",", ""));
        String price = last.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        String away = last.multiply(new BigDecimal("1.05")).setScale(2, RoundingMode.HALF_EVEN).toPlainString();

        // bob, in a second tab, offers 10 at the last price and a second 10 far away
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(dashboard);
        watchErrors();
        signIn("bob-demo-token", "bob");
        String bobTab = browser.getWindowHandle();
        order("SELL", symbol, "10", price);
        assertThat(ticketResult()).contains("NEW");
        order("SELL", symbol, "10", away);
        assertThat(ticketResult()).contains("NEW");
        wait.until(page -> openOrders() == 2);

        // alice takes the first offer
        browser.switchTo().window(aliceTab);
        order("BUY", symbol, "10", price);
        wait.until(page -> ticketResult().contains("FILLED"));
        assertThat(ticketResult()).contains("filled 10");
        String aliceOrder = ticketResult().replaceFirst("^Order (\\S+):.*$", "$1");
        wait.until(page -> page.findElements(By.cssSelector("#executions tbody tr")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#executions tbody tr")).getText()).contains("BUY", symbol, "10");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#positions tbody"), symbol));
        screenshot("2-alice-filled");

        // bob sees his fill arrive, cancels the resting order from the blotter
        browser.switchTo().window(bobTab);
        wait.until(page -> page.findElements(By.cssSelector("#executions tbody tr")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#executions tbody tr")).getText()).contains("SELL", symbol);
        wait.until(page -> openOrders() == 1);
        browser.findElement(By.cssSelector("#orders button.cancel")).click();
        wait.until(page -> openOrders() == 0);
        assertThat(browser.findElement(By.id("orders")).getText()).contains("CANCELED").contains("FILLED");
        assertThat(browser.findElements(By.cssSelector("#orders tr[data-order='" + aliceOrder + "']")))
                .as("bob never sees alice's order").isEmpty();
        browser.switchTo().window(aliceTab);
        assertThat(browser.findElements(By.cssSelector("#orders tr[data-order='" + aliceOrder + "']"))).as("alice does").hasSize(1);
        browser.switchTo().window(bobTab);
        screenshot("3-bob-cancelled");

        // a clear reason for an order risk refuses, and the assistant
        order("BUY", symbol, "10", last.multiply(new BigDecimal("3")).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
        assertThat(ticketResult()).containsIgnoringCase("rejected");
        ask("why was my last order rejected");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("console-log"), "was rejected"));
        ask("positions");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("console-log"), "-10"));
        screenshot("4-assistant");
    }

    private static void signIn(String token, String account) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        input.sendKeys(token);
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), account));
        wait.until(page -> page.findElement(By.id("account-status")).getAttribute("class").contains("on"));
    }

    private static void order(String side, String symbol, String quantity, String price) {
        browser.findElement(By.cssSelector("#ticket input[name=side][value=" + side + "]")).click();
        WebElement symbolField = browser.findElement(By.id("ticket-symbol"));
        symbolField.clear();
        symbolField.sendKeys(symbol);
        WebElement quantityField = browser.findElement(By.id("ticket-quantity"));
        quantityField.clear();
        quantityField.sendKeys(quantity);
        WebElement priceField = browser.findElement(By.id("ticket-price"));
        priceField.clear();
        priceField.sendKeys(price);
        browser.findElement(By.id("ticket-submit")).click();
        new WebDriverWait(browser, WAIT).until(page -> !ticketResult().isBlank() && !ticketResult().startsWith("Sending"));
    }

    private static String ticketResult() {
        return browser.findElement(By.id("ticket-result")).getText();
    }

    private static void ask(String line) {
        browser.findElement(By.id("console-input")).sendKeys(line);
        browser.findElement(By.cssSelector("#console-form button")).click();
    }

    private static long openOrders() {
        return browser.findElements(By.cssSelector("#orders button.cancel")).size();
    }

    private static long candles() {
        Object count = ((JavascriptExecutor) browser).executeScript(
                "const chart = echarts.getInstanceByDom(document.getElementById('chart'));"
                        + "const option = chart && chart.getOption();"
                        + "return option && option.series && option.series.length ? option.series[0].data.length : 0;");
        return ((Number) count).longValue();
    }

    /** The element's text, or null while it is missing or blank: read in the page, as the page re-renders often. */
    private static String text(String selector) {
        Object text = browser.executeScript("const node = document.querySelector(arguments[0]); return node ? node.textContent : null;",
                selector);
        return text == null || text.toString().isBlank() ? null : text.toString();
    }

    /** Records uncaught script errors so that each test can assert there were none. */
    private static void watchErrors() {
        browser.executeScript("window.__errors = []; window.addEventListener('error', e => window.__errors.push(String(e.message)));");
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
