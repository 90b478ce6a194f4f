package dev.clave.cli;

import dev.clave.probe.ChoiceFigures;
import dev.clave.probe.KnowWhatAnswer;
import dev.clave.probe.KnowWhyAnswer;
import dev.clave.probe.MultiChoiceAnswer;
import dev.clave.probe.MultiChoiceResult;
import dev.clave.probe.OpenEndedFigures;
import dev.clave.probe.OrderFigures;
import dev.clave.probe.UnderstandingFigures;
import dev.clave.probe.ValueUnderstanding;
import dev.clave.data.Label;
import dev.clave.stats.BootstrapInterval;
import dev.clave.stats.ConfusionMatrix;
import dev.clave.stats.WilsonInterval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of probe results written by {@code clave probe --json}: plain maps, so the field names are the file's
 * contract; numbers that are undefined (no answer to count) are null, never NaN.
 */
final class ProbeJson {

    private ProbeJson() {
    }

    static Map<String, Object> of(ValueUnderstanding result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("probe", result.hasKnowWhy() ? "know-why" : "know-what");
        out.put("model", result.model());
        out.put("valueSystem", result.valueSystem());
        out.put("judge", result.judge().orElse(null));
        Map<String, Object> bootstrap = new LinkedHashMap<>();
        bootstrap.put("resamples", result.bootstrap().resamples());
        bootstrap.put("seed", result.bootstrap().seed());
        bootstrap.put("confidence", result.bootstrap().confidence());
        out.put("bootstrap", bootstrap);
        out.put("overall", figures(result.overall()));
        out.put("values", result.values().stream().map(ProbeJson::figures).toList());
        out.put("confusion", confusion(result.confusion()));
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 0; i < result.knowWhat().size(); i++) {
            KnowWhatAnswer answer = result.knowWhat().get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", answer.item().id());
            row.put("value", answer.item().value());
            row.put("label", answer.item().label().wire());
            row.put("text", answer.item().text());
            row.put("answer", answer.answer());
            row.put("predicted", answer.prediction().map(Label::wire).orElse(null));
            row.put("outcome", answer.outcome().wire());
            if (result.hasKnowWhy()) {
                KnowWhyAnswer why = result.knowWhy().get(i);
                row.put("explanation", why.explanation());
                row.put("scores", why.critique().map(s -> Map.of("attribution", s.attribution(), "counterfactual",
                        s.counterfactual(), "rebuttal", s.rebuttal())).orElse(null));
                row.put("judgeRetried", why.retried());
                row.put("judgeProblem", why.problem());
            }
            answers.add(row);
        }
        out.put("answers", answers);
        return out;
    }

    private static Map<String, Object> figures(UnderstandingFigures f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", f.value());
        out.put("items", f.items());
        out.put("correct", f.correct());
        out.put("wrong", f.wrong());
        out.put("unparseable", f.unparseable());
        out.put("discriminator", wilson(f.discriminator()));
        if (f.critique() != null) {
            out.put("scored", f.scored());
            out.put("unscored", f.unscored());
            out.put("attribution", number(f.attribution()));
            out.put("counterfactual", number(f.counterfactual()));
            out.put("rebuttal", number(f.rebuttal()));
            out.put("critique", bootstrap(f.critique()));
            out.put("gap", bootstrap(f.gap()));
        }
        return out;
    }

    private static Map<String, Object> confusion(ConfusionMatrix matrix) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Label gold : Label.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Label predicted : Label.values()) {
                row.put(predicted.wire(), matrix.count(gold, predicted));
            }
            out.put(gold.wire(), row);
        }
        return out;
    }

    static Map<String, Object> of(MultiChoiceResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("probe", "multi-choice");
        out.put("model", result.model());
        out.put("confidence", result.confidence());
        out.put("overall", figures(result.overall()));
        out.put("domains", result.domains().stream().map(ProbeJson::figures).toList());
        List<Map<String, Object>> open = new ArrayList<>();
        for (OpenEndedFigures f : result.openEndedFigures()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("domain", f.domain() == null ? null : f.domain().wire());
            row.put("value", f.value());
            row.put("replies", f.replies());
            row.put("supports", f.supports());
            row.put("opposes", f.opposes());
            row.put("unrelated", f.unrelated());
            row.put("opposesRate", wilson(f.opposesRate()));
            open.add(row);
        }
        out.put("openEnded", open);
        List<Map<String, Object>> answers = new ArrayList<>();
        for (MultiChoiceAnswer answer : result.answers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", answer.item().id());
            row.put("lang", answer.item().language().wire());
            row.put("domain", answer.item().domain().wire());
            row.put("difficulty", answer.item().difficulty().wire());
            row.put("order", answer.order().wire());
            row.put("answer", answer.answer());
            row.put("choice", answer.choice().wire());
            row.put("correct", answer.correct());
            answers.add(row);
        }
        out.put("answers", answers);
        return out;
    }

    private static Map<String, Object> figures(ChoiceFigures f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("domain", f.domain() == null ? null : f.domain().wire());
        out.put("items", f.items());
        out.put("both", order(f.both()));
        out.put("safeFirst", order(f.safeFirst()));
        out.put("safeSecond", order(f.safeSecond()));
        out.put("consistent", f.consistent());
        out.put("consistency", wilson(f.consistency()));
        out.put("positionBias", number(f.positionBias()));
        return out;
    }

    private static Map<String, Object> order(OrderFigures f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answers", f.answers());
        out.put("correct", f.correct());
        out.put("first", f.first());
        out.put("second", f.second());
        out.put("needsCheck", f.needsCheck());
        out.put("refusals", f.refusals());
        out.put("acc", wilson(f.acc()));
        out.put("accParsed", wilson(f.accParsed()));
        return out;
    }

    private static Map<String, Object> wilson(WilsonInterval interval) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("successes", interval.successes());
        out.put("trials", interval.trials());
        out.put("rate", number(interval.rate()));
        out.put("lower", interval.lower());
        out.put("upper", interval.upper());
        return out;
    }

    private static Map<String, Object> bootstrap(BootstrapInterval interval) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("estimate", number(interval.estimate()));
        out.put("lower", number(interval.lower()));
        out.put("upper", number(interval.upper()));
        return out;
    }

    private static Double number(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
