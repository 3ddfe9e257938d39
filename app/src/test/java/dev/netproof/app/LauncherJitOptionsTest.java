package dev.netproof.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher's JIT options (bin/jvm.sh) name methods by their text, which a rename leaves behind without a word:
 * the JVM ignores a {@code CompileCommand} that matches nothing ({@code quiet}), and the option then silently does
 * nothing. Every method they name must exist.
 */
class LauncherJitOptionsTest {
    private static final Pattern NAMED = Pattern.compile("CompileCommand=dontinline,([\\w.$]+)::([\\w<>$]+)");

    @Test
    void everyMethodTheLauncherNamesExists() throws IOException {
        String options = Files.readString(jvmSh());
        Matcher m = NAMED.matcher(options);
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (m.find()) {
            named++;
            if (!exists(m.group(1), m.group(2))) missing.add(m.group(1) + "::" + m.group(2));
        }
        assertTrue(named >= 19, "the launcher names " + named + " methods; its options were not read");
        assertTrue(missing.isEmpty(), "bin/jvm.sh names methods that do not exist: " + missing);
    }

    @Test
    void aRenamedMethodIsCaught() {
        assertFalse(exists("dev.netproof.decode.tls.Reader", "u16sRenamed"));
        assertFalse(exists("dev.netproof.decode.tls.NoSuchReader", "u16s"));
        assertTrue(exists("dev.netproof.decode.dns.DnsMessage", "<init>"));
    }

    private static boolean exists(String className, String method) {
        Class<?> c;
        try {
            c = Class.forName(className, false, LauncherJitOptionsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        if (method.equals("<init>")) return c.getDeclaredConstructors().length > 0;
        return Arrays.stream(c.getDeclaredMethods()).map(Method::getName).anyMatch(method::equals);
    }

    /** bin/jvm.sh of the checkout the tests run in (Maven runs them in the module's directory). */
    private static Path jvmSh() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve("bin/jvm.sh");
            if (Files.isRegularFile(f)) return f;
        }
        return fail("no bin/jvm.sh above " + Path.of("").toAbsolutePath());
    }
}
