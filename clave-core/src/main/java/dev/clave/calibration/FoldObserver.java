package dev.clave.calibration;

import dev.clave.data.TextInput;
import dev.clave.recognizer.TextScore;
import dev.clave.recognizer.ValueRecognizer;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Sees each cross-validation fold of a calibration: the head trained without the fold's texts, the held-out texts,
 * and the scores that the cross-validated quality counts. For tests and diagnostics; the head is closed after the
 * call returns.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@FunctionalInterface
public interface FoldObserver {

    /** Does nothing. */
    FoldObserver NONE = (fold, recognizer, heldOut, scores) -> { };

    /**
     * @param fold       the fold's number, from 0
     * @param recognizer the head trained on the other folds
     * @param heldOut    the fold's texts
     * @param scores     the held-out texts' scores, in the same order
     */
    void fold(int fold, ValueRecognizer recognizer, List<TextInput> heldOut, List<TextScore> scores);
}
