package ipclab.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Build-time only (javac runs it; see pom.xml): writes, for each command named in the processor
 * option {@code ipclab.quickCommands}, a class {@code <Command>Options} that {@link QuickRun}
 * parses with, generated from the command's own picocli annotations and its mixins'. So the
 * picocli-free path has no list of options of its own: an option added to the command (or to
 * {@link BenchOptions}) is in the fast path at the next build, converted by the same converter.
 *
 * <p>Why generated code and not reflection at run time: reading the annotations reflectively
 * took about 100 ms (each annotation type is a dynamic proxy class), and setting five fields
 * reflectively about 35 ms, more than the rest of a run's start-up together.
 *
 * <p>What the generated parser cannot take as picocli would, it marks: an option it cannot convert
 * is {@code DEFER} (a command line that uses it goes to picocli), and a command with an
 * annotation it does not understand gets {@code SUPPORTED = false} (every command line goes to
 * picocli). Either way the result is picocli's; only the time differs.
 */
@SupportedAnnotationTypes("picocli.CommandLine.Command")
@SupportedOptions(QuickRunProcessor.COMMANDS_OPTION)
public final class QuickRunProcessor extends AbstractProcessor {
    static final String COMMANDS_OPTION = "ipclab.quickCommands";
    private static final String PICOCLI = "picocli.CommandLine.";
    private static final String NO_DEFAULT = "__no_default_value__";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        String names = processingEnv.getOptions().getOrDefault(COMMANDS_OPTION, "");
        for (String name : names.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            TypeElement command = processingEnv.getElementUtils().getTypeElement(name.strip());
            if (command == null || !round.getRootElements().contains(command)) {
                continue;
            }
            try {
                write(command);
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "QuickRunProcessor: " + e, command);
            }
        }
        return false;
    }

    /** One option or positional: how the command line names it and how its value reaches the field. */
    private record Param(List<String> names, int index, String assignment, boolean flag, boolean defer,
            String defaultValue) {}

    private void write(TypeElement command) throws IOException {
        List<Param> params = new ArrayList<>();
        List<String> mixins = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder();
        fingerprint.append(annotation(command, "Command"));
        collect(command, "c.", params, mixins, unsupported, fingerprint);
        String simple = command.getSimpleName().toString();
        String pkg = processingEnv.getElementUtils().getPackageOf(command).getQualifiedName().toString();
        String cls = simple + "Options";
        StringBuilder j = new StringBuilder();
        j.append("package ").append(pkg).append(";\n\n");
        j.append("/**\n * Generated at build time by QuickRunProcessor from the picocli annotations of ").append(simple)
                .append(" and its\n * mixins: the options and positionals QuickRun parses, and how each value reaches its"
                        + " field.\n * Do not edit; change the annotations.\n */\n");
        j.append("final class ").append(cls).append(" {\n");
        j.append("    static final int UNKNOWN = 0;\n    static final int FLAG = 1;\n    static final int VALUE = 2;\n"
                + "    static final int DEFER = 3;\n");
        j.append("    /** False when an annotation is one the quick path cannot honour: ")
                .append(unsupported.isEmpty() ? "none here" : String.join("; ", unsupported).replace("*/", "* /"))
                .append(". */\n");
        j.append("    static final boolean SUPPORTED = ").append(unsupported.isEmpty()).append(";\n");
        j.append("    /** A digest of the annotations' text: a kept rendering of the help is valid while it matches. */\n");
        j.append("    static final String FINGERPRINT = \"").append(sha256(fingerprint.toString())).append("\";\n");
        long positionals = params.stream().filter(p -> p.index() >= 0).count();
        j.append("    static final int POSITIONALS = ").append(positionals).append(";\n\n");
        j.append("    private ").append(cls).append("() {}\n\n");
        j.append("    /** A new command with its mixins made and the annotations' default values applied. */\n");
        j.append("    static ").append(simple).append(" create() throws Exception {\n");
        j.append("        ").append(simple).append(" c = new ").append(simple).append("();\n");
        for (String m : mixins) {
            j.append("        ").append(m).append(";\n");
        }
        for (Param p : params) {
            if (p.defaultValue() != null && !p.defer()) {
                j.append("        ").append(p.assignment().replace("VALUE", literal(p.defaultValue()))).append(";\n");
            }
        }
        j.append("        return c;\n    }\n\n");
        j.append("    /** What {@code name} is: UNKNOWN, FLAG, VALUE (takes one) or DEFER (left to picocli). */\n");
        j.append("    static int kind(String name) {\n        switch (name) {\n");
        for (Param p : params) {
            if (p.index() < 0) {
                for (String n : p.names()) {
                    j.append("            case ").append(literal(n)).append(":\n");
                }
                j.append("                return ").append(p.defer() ? "DEFER" : p.flag() ? "FLAG" : "VALUE").append(";\n");
            }
        }
        j.append("            default:\n                return UNKNOWN;\n        }\n    }\n\n");
        j.append("    /** Sets option {@code name} (FLAG: {@code value} is ignored); throws what its converter throws. */\n");
        j.append("    static void set(").append(simple).append(" c, String name, String value) throws Exception {\n");
        j.append("        switch (name) {\n");
        for (Param p : params) {
            if (p.index() < 0 && !p.defer()) {
                for (String n : p.names()) {
                    j.append("            case ").append(literal(n)).append(":\n");
                }
                j.append("                ").append(p.assignment().replace("VALUE", "value")).append(";\n");
                j.append("                return;\n");
            }
        }
        j.append("            default:\n                throw new IllegalArgumentException(name);\n        }\n    }\n\n");
        j.append("    /** Sets positional {@code index}; throws what its converter throws. */\n");
        j.append("    static void setPositional(").append(simple).append(" c, int index, String value) throws Exception {\n");
        j.append("        switch (index) {\n");
        for (Param p : params) {
            if (p.index() >= 0 && !p.defer()) {
                j.append("            case ").append(p.index()).append(":\n");
                j.append("                ").append(p.assignment().replace("VALUE", "value")).append(";\n");
                j.append("                return;\n");
            }
        }
        j.append("            default:\n                throw new IllegalArgumentException(\"positional \" + index);\n"
                + "        }\n    }\n}\n");
        try (Writer w = processingEnv.getFiler().createSourceFile(pkg + "." + cls, command).openWriter()) {
            w.write(j.toString());
        }
    }

    /** The options and positionals of {@code type}'s fields, and of its mixins' (reached through {@code prefix}). */
    private void collect(TypeElement type, String prefix, List<Param> params, List<String> mixins,
            List<String> unsupported, StringBuilder fingerprint) {
        for (Element e : type.getEnclosedElements()) {
            AnnotationMirror option = annotation(e, "Option");
            AnnotationMirror positional = annotation(e, "Parameters");
            AnnotationMirror mixin = annotation(e, "Mixin");
            if (e.getKind() == ElementKind.METHOD && (option != null || positional != null || mixin != null)) {
                unsupported.add("an annotated method, " + e);
                continue;
            }
            if (annotation(e, "ArgGroup") != null || annotation(e, "Unmatched") != null) {
                unsupported.add("@ArgGroup or @Unmatched on " + e);
                continue;
            }
            if (e.getKind() != ElementKind.FIELD) {
                continue;
            }
            String access = prefix + e.getSimpleName();
            if (mixin != null) {
                TypeElement mixinType = (TypeElement) processingEnv.getTypeUtils().asElement(e.asType());
                mixins.add(access + " = new " + mixinType.getQualifiedName() + "()");
                fingerprint.append(mixin);
                collect(mixinType, access + ".", params, mixins, unsupported, fingerprint);
            } else if (option != null || positional != null) {
                AnnotationMirror a = option != null ? option : positional;
                fingerprint.append(a);
                Param p = param((VariableElement) e, a, option != null, access, unsupported);
                if (p != null) {
                    params.add(p);
                }
            }
        }
    }

    private Param param(VariableElement field, AnnotationMirror a, boolean isOption, String access,
            List<String> unsupported) {
        Map<String, Object> v = values(a);
        String where = field.getEnclosingElement().getSimpleName() + "." + field.getSimpleName();
        for (String attribute : List.of("negatable", "required", "interactive", "help", "usageHelp", "versionHelp")) {
            if (Boolean.TRUE.equals(v.get(attribute))) {
                unsupported.add(attribute + " on " + where);
                return null;
            }
        }
        for (String attribute : List.of("split", "fallbackValue", "mapFallbackValue", "parameterConsumer",
                "preprocessor", "type", "completionCandidates")) {
            Object value = v.get(attribute);
            boolean given = value instanceof String s && !s.isEmpty() && !s.equals("__unspecified__")
                    || value instanceof List<?> l && !l.isEmpty();
            if (given) {
                unsupported.add(attribute + " on " + where);
                return null;
            }
        }
        TypeMirror type = field.asType();
        String arity = (String) v.get("arity");
        boolean flag = isOption && isBoolean(type);
        @SuppressWarnings("unchecked")
        List<AnnotationValue> converters = (List<AnnotationValue>) v.get("converter");
        String converted = null;
        if (flag) {
            if (!arity.isEmpty() && !arity.equals("0")) {
                unsupported.add("a boolean option with arity " + arity + ", " + where);
                return null;
            }
            converted = "true";
        } else if (converters != null && !converters.isEmpty()) {
            TypeMirror converter = (TypeMirror) converters.getFirst().getValue();
            String target = type.getKind().isPrimitive()
                    ? processingEnv.getTypeUtils().boxedClass((javax.lang.model.type.PrimitiveType) type)
                            .getQualifiedName().toString()
                    : processingEnv.getTypeUtils().erasure(type).toString();
            javax.lang.model.element.Element converterClass = processingEnv.getTypeUtils().asElement(converter);
            QuickParse quick = converterClass == null ? null : converterClass.getAnnotation(QuickParse.class);
            converted = quick != null ? "(" + target + ") " + quick.value() + "(VALUE)"
                    : "(" + target + ") new " + processingEnv.getTypeUtils().erasure(converter) + "().convert(VALUE)";
        } else {
            converted = standardConversion(type);
        }
        boolean defer = converted == null;
        if (!flag && !arity.isEmpty() && !arity.equals("1") && !(arity.equals("0..1") && !isOption)) {
            defer = true; // an optional value or several: picocli's rules, not this parser's
        }
        int index = -1;
        List<String> names = new ArrayList<>();
        if (isOption) {
            @SuppressWarnings("unchecked")
            List<AnnotationValue> ns = (List<AnnotationValue>) v.get("names");
            ns.forEach(n -> names.add((String) n.getValue()));
        } else {
            String idx = (String) v.get("index");
            if (!idx.matches("[0-9]+")) {
                unsupported.add("positional index '" + idx + "' on " + where);
                return null;
            }
            index = Integer.parseInt(idx);
        }
        String dv = (String) v.get("defaultValue");
        String defaultValue = dv == null || dv.equals(NO_DEFAULT) ? null : dv;
        if (defaultValue != null && (flag || defer)) {
            unsupported.add("a default value picocli would apply, on " + where);
            return null;
        }
        String assignment = access + " = " + (converted == null ? "null" : converted);
        return new Param(names, index, assignment, flag, defer, defaultValue);
    }

    /**
     * picocli's conversion of a field without a converter, as ipclab configures picocli: ints and
     * longs through {@link AsciiNumbers} (registered on every command line by {@link Cli}); null
     * for a type this parser leaves to picocli.
     */
    private String standardConversion(TypeMirror type) {
        String t = type.getKind().isPrimitive() ? type.getKind().name()
                : processingEnv.getTypeUtils().erasure(type).toString();
        return switch (t) {
            case "INT", "java.lang.Integer" -> "AsciiNumbers.toInt(VALUE)";
            case "LONG", "java.lang.Long" -> "AsciiNumbers.toLong(VALUE)";
            case "java.lang.String" -> "VALUE";
            case "java.nio.file.Path" -> "java.nio.file.Path.of(VALUE)";
            default -> null;
        };
    }

    private static boolean isBoolean(TypeMirror type) {
        return type.getKind() == TypeKind.BOOLEAN
                || type instanceof DeclaredType d && d.toString().equals("java.lang.Boolean");
    }

    private static AnnotationMirror annotation(Element e, String simpleName) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            if (a.getAnnotationType().toString().equals(PICOCLI + simpleName)) {
                return a;
            }
        }
        return null;
    }

    /** The annotation's attributes, defaults included, by name. */
    private Map<String, Object> values(AnnotationMirror a) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : processingEnv.getElementUtils().getElementValuesWithDefaults(a).entrySet()) {
            out.put(e.getKey().getSimpleName().toString(), e.getValue().getValue());
        }
        return out;
    }

    private static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(ch < 0x20 || ch > 0x7e ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return b.append('"').toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
