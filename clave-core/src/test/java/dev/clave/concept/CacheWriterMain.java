package dev.clave.concept;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The second process of {@link DirectoryConceptCacheTest}: waits for "go", writes every key several times. */
public final class CacheWriterMain {

    public static void main(String[] args) throws Exception {
        ConceptCache cache = ConceptCache.directory(Path.of(args[0]));
        int keys = Integer.parseInt(args[1]);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(in.readLine())) {
            System.exit(2);
        }
        writeAll(cache, keys, args[2]);
        System.out.println("done");
        System.out.flush();
    }

    static void writeAll(ConceptCache cache, int keys, String writer) {
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < keys; k++) {
                String text = "text " + k;
                cache.put(DirectoryConceptCacheTest.key(text), DirectoryConceptCacheTest.context(text),
                        List.of(new Concept("concept of " + k), new Concept("written by " + writer)));
                cache.get(DirectoryConceptCacheTest.key(text), DirectoryConceptCacheTest.context(text));
            }
        }
    }
}
