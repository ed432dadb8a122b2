package uk.ectmentor.core.content;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads session files (YAML, one session a file) from the built-in pack on the class path
 * and from a directory on disk. Any mistake stops the load with the file, line and field.
 */
public final class ContentLoader {
    /** Class-path folder of the built-in pack; {@code index.txt} in it lists the files. */
    public static final String BUILT_IN = "content";

    private ContentLoader() {
    }

    /** The built-in pack, then every session file under {@code overrides} (if given) replacing by id. */
    public static ContentPack load(Path overrides) {
        return new ContentPack(sessions(overrides), () -> sessions(overrides));
    }

    private static Collection<Session> sessions(Path overrides) {
        Map<String, Session> sessions = new HashMap<>();
        for (Session s : builtIn()) {
            sessions.put(s.id(), s);
        }
        if (overrides != null) {
            for (Session s : directory(overrides)) {
                sessions.put(s.id(), s);
            }
        }
        return sessions.values();
    }

    public static List<Session> builtIn() {
        ClassLoader loader = ContentLoader.class.getClassLoader();
        List<Session> out = new ArrayList<>();
        for (String name : index(loader)) {
            String resource = BUILT_IN + "/" + name;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ContentException(BUILT_IN + "/index.txt", 0, "index", "lists " + name + ", which does not exist");
                }
                out.add(parse(resource, new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<ContentException> duplicates = duplicates(out);
        if (!duplicates.isEmpty()) {
            throw ContentException.of(duplicates);
        }
        return out;
    }

    /** Every session file under {@code dir}; throws one exception listing every problem found. */
    public static List<Session> directory(Path dir) {
        List<Session> out = new ArrayList<>();
        List<ContentException> problems = check(dir, out);
        if (!problems.isEmpty()) {
            throw ContentException.of(problems);
        }
        return out;
    }

    /**
     * Reads every session file under {@code dir} and returns every problem found (empty when the pack is
     * good): mistakes inside files, and ids or weeks used by two files.
     */
    public static List<ContentException> check(Path dir) {
        return check(dir, new ArrayList<>());
    }

    private static List<ContentException> check(Path dir, List<Session> sessions) {
        List<ContentException> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(new ContentException(dir.toString(), 0, "(directory)", "is not a directory"));
            return problems;
        }
        List<Path> paths;
        try (Stream<Path> files = Files.walk(dir)) {
            paths = files.filter(ContentLoader::isSessionFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(new ContentException(dir.toString(), 0, "(directory)", "cannot be read: " + e.getMessage()));
            return problems;
        }
        for (Path file : paths) {
            try {
                sessions.add(parse(file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8)));
            } catch (ContentException e) {
                problems.addAll(e.problems());
                Session partial = identity(file);
                if (partial != null) {
                    sessions.add(partial);
                }
            } catch (IOException | UncheckedIOException e) {
                problems.add(new ContentException(file.toString(), 0, "(file)", "cannot be read as UTF-8 text: " + e.getMessage()));
            }
        }
        problems.addAll(duplicates(sessions));
        return problems;
    }

    private static Session identity(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            Node root = new Yaml(options).compose(reader);
            return root == null ? null : SessionReader.identity(new YamlFields(file.toString(), "", root), file.toString());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Ids used twice, and numbered weeks with two sessions of the same kind. */
    static List<ContentException> duplicates(List<Session> sessions) {
        List<ContentException> problems = new ArrayList<>();
        Map<String, Session> ids = new HashMap<>();
        Map<String, Session> weeks = new HashMap<>();
        for (Session s : sessions) {
            Session earlier = ids.putIfAbsent(s.id(), s);
            if (earlier != null) {
                problems.add(new ContentException(s.source(), 1, "id", "'" + s.id() + "' is also used by " + earlier.source()));
                continue;
            }
            if (s.module() > 0 && s.week() > 0 && s.kind() != SessionKind.TEMPLATE) {
                String key = s.programme() + "|" + s.year() + "|" + s.module() + "|" + s.week() + "|" + s.kind();
                Session same = weeks.putIfAbsent(key, s);
                if (same != null) {
                    problems.add(new ContentException(s.source(), 1, "week", "year " + s.year() + " module " + s.module()
                            + " week " + s.week() + " already has a " + s.kind().id() + " session (" + same.id()
                            + " in " + same.source() + ")"));
                }
            }
        }
        return problems;
    }

    private static boolean isSessionFile(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    public static Session parse(String fileName, String text) {
        return parse(fileName, new StringReader(text));
    }

    public static Session parse(String fileName, Reader reader) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by YamlFields with the line
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ContentException(fileName, line, "(syntax)", e.getProblem());
        } catch (YAMLException e) {
            // e.g. control characters the YAML reader refuses; it gives no line
            throw new ContentException(fileName, 1, "(syntax)", e.getMessage().lines().findFirst().orElse("unreadable YAML"));
        }
        if (root == null) {
            throw new ContentException(fileName, 1, "(document)", "the file is empty");
        }
        return SessionReader.read(new YamlFields(fileName, "", root), fileName);
    }

    private static List<String> index(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(BUILT_IN + "/index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
