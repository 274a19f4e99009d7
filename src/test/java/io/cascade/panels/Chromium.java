package io.cascade.panels;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The headless Chromium the browser tests drive (Debian's {@code chromium-headless-shell} when it is installed, else
 * {@code chromium}, and {@code chromium-driver}; other paths
 * with {@code -Dcascade.chromium=} and {@code -Dcascade.chromedriver=}). Everything a test does not look at is
 * switched off — extensions, site isolation's extra renderer processes, background services — since the browser is
 * a large part of the CPU the browser tests cost on two cores.
 */
final class Chromium {
    /** Debian's {@code chromium-headless-shell}: the headless-only build, about a quarter less CPU per test. */
    static final Path HEADLESS_SHELL = Path.of("/usr/lib/chromium/chromium-headless-shell");
    static final Path BINARY = Path.of(System.getProperty("cascade.chromium",
            Files.isExecutable(HEADLESS_SHELL) ? HEADLESS_SHELL.toString() : "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("cascade.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** Whether both the browser and its driver are installed. */
    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** A new browser with its profile in {@code profile}, a 1280×1024 window and its console log kept. */
    static WebDriver start(Path profile) {
        return start(profile, new String[0]);
    }

    /**
     * The same browser with further command-line arguments, for a test that needs them (e.g.
     * {@code --host-resolver-rules=MAP panel.northwind.example 127.0.0.1}, so that a vendor's panel host name reaches
     * the test server).
     */
    static WebDriver start(Path profile, String... extraArguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1024",
                "--disable-extensions", "--disable-site-isolation-trials", "--renderer-process-limit=1",
                "--disable-features=site-per-process,Translate,OptimizationHints,MediaRouter,"
                        + "AutofillServerCommunication,CertificateTransparencyComponentUpdater",
                "--disable-breakpad", "--metrics-recording-only", "--mute-audio", "--disable-default-apps",
                "--no-default-browser-check", "--disable-hang-monitor", "--disable-client-side-phishing-detection");
        if (!HEADLESS_SHELL.equals(BINARY)) {
            // the headless shell does not start with a profile directory of ours (chromedriver then finds no page);
            // chromedriver gives it a fresh temporary one of its own
            options.addArguments("--user-data-dir=" + profile);
        }
        options.addArguments(extraArguments);

        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }
}
