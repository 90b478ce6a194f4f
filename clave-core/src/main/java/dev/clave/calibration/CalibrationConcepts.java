package dev.clave.calibration;

import dev.clave.Progress;
import dev.clave.concept.CacheKey;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptExtractor;
import dev.clave.data.Label;
import dev.clave.data.LabelledSample;
import dev.clave.data.TextInput;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.recognizer.ConceptSelection;
import dev.clave.recognizer.TrainingSet;
import dev.clave.value.ValueSystem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calibration samples as the small model learns from them: the distinct texts, each text's concepts (extracted
 * once per text, the whole text when the extractor finds none), their embeddings, the labelled (text, value) pairs
 * with the concepts judged for each value (by {@link ConceptSelection}, the rule evaluation uses), and the concepts of
 * each value for the concept pool.
 *
 * @param texts        the distinct texts (scenario and text), in first-seen order
 * @param concepts     per text the concepts the small model judges (never empty)
 * @param conceptTexts the distinct concepts, in the order of the training set's embeddings
 * @param pairText     per sample the index of its text
 * @param set          the training set: concept embeddings and labelled pairs
 * @param dimension    the embedding dimension
 * @param conceptCount distinct concepts
 * @param poolMembers  per value the concepts of its samples with their human labels
 */
record CalibrationConcepts(List<TextInput> texts, List<List<Concept>> concepts, List<String> conceptTexts, int[] pairText,
                           TrainingSet set,
                           int dimension, int conceptCount, Map<String, List<ConceptPool.Member>> poolMembers) {

    private static final int EXTRACTION_BATCH = 256;

    static CalibrationConcepts of(List<LabelledSample> samples, ValueSystem valueSystem, ConceptExtractor extractor,
                                  ConceptEmbedder embedder, Progress progress) {
        Map<String, Integer> textIndex = new LinkedHashMap<>();
        List<TextInput> texts = new ArrayList<>();
        int[] pairText = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            TextInput input = samples.get(i).input().content();
            String key = CacheKey.contentHash(input);
            Integer index = textIndex.get(key);
            if (index == null) {
                index = texts.size();
                textIndex.put(key, index);
                texts.add(input);
            }
            pairText[i] = index;
        }
        List<List<Concept>> conceptsOfText = extract(texts, valueSystem, extractor, progress);

        Map<String, Integer> conceptIndex = new LinkedHashMap<>();
        for (List<Concept> concepts : conceptsOfText) {
            for (Concept concept : concepts) {
                conceptIndex.putIfAbsent(concept.text(), conceptIndex.size());
            }
        }
        List<String> conceptTexts = new ArrayList<>(conceptIndex.keySet());
        String phase = "embedding concepts (" + embedder.id() + ")";
        progress.update(phase, 0, conceptTexts.size());
        float[][] embeddings = embedder.embed(conceptTexts, done -> progress.update(phase, done, conceptTexts.size()));

        int[] pairValue = new int[samples.size()];
        Label[] pairLabel = new Label[samples.size()];
        int[][] pairConcepts = new int[samples.size()][];
        double[][] pairWeights = new double[samples.size()][];
        Map<String, List<ConceptPool.Member>> poolMembers = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> poolMembers.put(v, new ArrayList<>()));
        for (int i = 0; i < samples.size(); i++) {
            LabelledSample sample = samples.get(i);
            List<Concept> applicable = ConceptSelection.applicable(conceptsOfText.get(pairText[i]), sample.value());
            pairValue[i] = valueSystem.indexOf(sample.value());
            pairLabel[i] = sample.label();
            pairConcepts[i] = new int[applicable.size()];
            pairWeights[i] = ConceptSelection.weights(applicable.size());
            for (int j = 0; j < applicable.size(); j++) {
                int c = conceptIndex.get(applicable.get(j).text());
                pairConcepts[i][j] = c;
                poolMembers.get(sample.value()).add(new ConceptPool.Member(applicable.get(j).text(), embeddings[c], sample.label()));
            }
        }
        TrainingSet set = new TrainingSet(embeddings, pairValue, pairLabel, pairConcepts, pairWeights, pairText);
        int dimension = embeddings.length > 0 ? embeddings[0].length : embedder.dimension();
        return new CalibrationConcepts(texts, conceptsOfText, List.copyOf(conceptTexts), pairText, set, dimension,
                conceptTexts.size(), poolMembers);
    }

    private static List<List<Concept>> extract(List<TextInput> texts, ValueSystem valueSystem, ConceptExtractor extractor,
                                               Progress progress) {
        String phase = "extracting concepts (" + extractor.id() + ")";
        progress.update(phase, 0, texts.size());
        List<List<Concept>> all = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += EXTRACTION_BATCH) {
            List<TextInput> slice = texts.subList(from, Math.min(texts.size(), from + EXTRACTION_BATCH));
            List<List<Concept>> extracted = extractor.extractAll(slice, valueSystem);
            for (int i = 0; i < slice.size(); i++) {
                all.add(ConceptSelection.orWholeText(extracted.get(i), slice.get(i)));
            }
            progress.update(phase, all.size(), texts.size());
        }
        return all;
    }
}
