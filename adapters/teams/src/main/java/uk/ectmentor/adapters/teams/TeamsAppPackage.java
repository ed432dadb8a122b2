package uk.ectmentor.adapters.teams;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the Teams app package an admin uploads: {@code manifest.json} (schema 1.29, the personal bot
 * and its command menu), a 192x192 colour icon and a 32x32 white-on-transparent outline icon, zipped.
 * {@code java -jar ect-mentor-bot.jar teams package --app-id ID --host HOST --out FILE.zip}.
 */
public final class TeamsAppPackage {
    static final String MANIFEST_VERSION = "1.29";
    static final String ACCENT = "#1F6F8B";
    private static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+(:\\d{1,5})?$");
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$");

    /** The command menu: the main things a person can type. */
    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        COMMANDS.put("help", "What I can do for you");
        COMMANDS.put("prompts", "This week's mentor meeting, one section at a time");
        COMMANDS.put("reflect", "Add a reflection to your learning log");
        COMMANDS.put("log", "Read your learning log");
        COMMANDS.put("my actions", "Your open action steps");
        COMMANDS.put("session", "This week's session and its timings");
    }

    /** What goes into one package. */
    public record Settings(String appId, String host, String version, String websiteUrl, String privacyUrl, String termsUrl) {
        public Settings {
            if (appId == null || !GUID.matcher(appId.strip()).matches()) {
                throw new IllegalArgumentException("--app-id must be the bot's Microsoft App ID, a GUID like 8d5c1e7a-0b1f-4c55-9d43-2f6a7e1c9b20");
            }
            appId = appId.strip();
            host = host == null ? "" : host.strip().replaceFirst("^[Hh][Tt][Tt][Pp][Ss]?://", "").replaceFirst("/.*$", "");
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("--host must be the public host name the bot runs on, e.g. bot.example.org");
            }
            version = version == null ? "1.0.0" : version.strip();
            if (!SEMVER.matcher(version).matches()) {
                throw new IllegalArgumentException("--version must look like 1.0.0");
            }
            websiteUrl = https(websiteUrl, "https://" + host + "/", "--website");
            privacyUrl = https(privacyUrl, websiteUrl, "--privacy");
            termsUrl = https(termsUrl, websiteUrl, "--terms");
        }

        private static String https(String url, String fallback, String option) {
            if (url == null || url.isBlank()) {
                return fallback;
            }
            if (!url.strip().toLowerCase(java.util.Locale.ROOT).startsWith("https://")) {
                throw new IllegalArgumentException(option + " must be an https:// address");
            }
            return url.strip();
        }
    }

    private TeamsAppPackage() {
    }

    /** The command-line tool; returns the exit code. */
    public static int cli(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("package")) {
            err.println("usage: teams package --app-id ID --host HOST --out FILE.zip [--version 1.0.0] [--website URL] [--privacy URL] [--terms URL]");
            return 2;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                err.println("teams package: expected --option value, got '" + name + "'");
                return 2;
            }
            options.put(name.substring(2), args[++i]);
        }
        for (String known : options.keySet()) {
            if (!java.util.Set.of("app-id", "host", "out", "version", "website", "privacy", "terms").contains(known)) {
                err.println("teams package: unknown option --" + known);
                return 2;
            }
        }
        if (!options.containsKey("out")) {
            err.println("teams package: --out FILE.zip is required");
            return 2;
        }
        Settings settings;
        try {
            settings = new Settings(options.get("app-id"), options.get("host"), options.get("version"),
                    options.get("website"), options.get("privacy"), options.get("terms"));
        } catch (IllegalArgumentException e) {
            err.println("teams package: " + e.getMessage());
            return 2;
        }
        Path target = Path.of(options.get("out"));
        try {
            write(settings, target);
        } catch (IOException | UncheckedIOException e) {
            err.println("teams package: could not write " + target + ": " + e.getMessage());
            return 1;
        }
        out.println("Wrote " + target.toAbsolutePath() + " (manifest " + MANIFEST_VERSION + ", app " + settings.appId()
                + ", endpoint https://" + settings.host() + "/api/messages). Upload it in the Teams admin centre: Teams apps > Manage apps > Upload new app.");
        return 0;
    }

    public static void write(Settings settings, Path zip) throws IOException {
        Path parent = zip.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            entry(out, "manifest.json", new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(manifest(settings)).getBytes(StandardCharsets.UTF_8));
            entry(out, "color.png", colorIcon());
            entry(out, "outline.png", outlineIcon());
        }
    }

    private static void entry(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    static ObjectNode manifest(Settings s) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = json.createObjectNode();
        m.put("$schema", "https://developer.microsoft.com/json-schemas/teams/v" + MANIFEST_VERSION + "/MicrosoftTeams.schema.json");
        m.put("manifestVersion", MANIFEST_VERSION);
        m.put("version", s.version());
        m.put("id", s.appId());
        ObjectNode developer = m.putObject("developer");
        developer.put("name", "ECT Mentor Bot");
        developer.put("websiteUrl", s.websiteUrl());
        developer.put("privacyUrl", s.privacyUrl());
        developer.put("termsOfUseUrl", s.termsUrl());
        m.putObject("name").put("short", "ECT Mentor").put("full", "ECT Mentor Bot");
        m.putObject("description")
                .put("short", "Weekly mentor meetings, reflections and action steps for ECTs")
                .put("full", "A companion for early career teachers and their mentors during induction: this week's meeting "
                        + "prompts section by section with their timings, a private learning log of reflections, open action "
                        + "steps, and reminders before the weekly meeting.");
        m.putObject("icons").put("color", "color.png").put("outline", "outline.png");
        m.put("accentColor", ACCENT);
        ObjectNode bot = m.putArray("bots").addObject();
        bot.put("botId", s.appId());
        bot.putArray("scopes").add("personal");
        bot.put("supportsFiles", false);
        bot.put("isNotificationOnly", false);
        ObjectNode list = bot.putArray("commandLists").addObject();
        list.putArray("scopes").add("personal");
        ArrayNode commands = list.putArray("commands");
        COMMANDS.forEach((title, description) -> commands.addObject().put("title", title).put("description", description));
        m.putArray("permissions").add("identity").add("messageTeamMembers");
        m.putArray("validDomains").add(s.host());
        return m;
    }

    /** 192x192, full colour: a white open book over a dot on the accent colour (shapes only: no fonts needed). */
    static byte[] colorIcon() {
        BufferedImage image = new BufferedImage(192, 192, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(Color.decode(ACCENT));
        g.fillRect(0, 0, 192, 192);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        book(g, 36, 54, 120, 84);
        g.fillOval(88, 150, 16, 16);
        g.dispose();
        return png(image);
    }

    /** 32x32, white on transparent (Teams' rule for outline icons): the same book. */
    static byte[] outlineIcon() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        book(g, 4, 7, 24, 18);
        g.dispose();
        return png(image);
    }

    private static void book(Graphics2D g, int x, int y, int width, int height) {
        int half = width / 2;
        g.draw(new RoundRectangle2D.Float(x, y, half, height, width / 8f, width / 8f));
        g.draw(new RoundRectangle2D.Float(x + half, y, half, height, width / 8f, width / 8f));
        for (int i = 1; i <= 3; i++) {
            int ly = y + height * i / 4;
            g.drawLine(x + width / 10, ly, x + half - width / 10, ly);
            g.drawLine(x + half + width / 10, ly, x + width - width / 10, ly);
        }
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
