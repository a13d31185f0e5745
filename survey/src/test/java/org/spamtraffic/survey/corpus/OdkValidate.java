package org.spamtraffic.survey.corpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.condition.EvaluationContext;
import org.javarosa.core.model.condition.IFunctionHandler;
import org.javarosa.core.model.instance.InstanceInitializationFactory;
import org.javarosa.core.reference.Reference;
import org.javarosa.core.reference.ReferenceFactory;
import org.javarosa.core.reference.ReferenceManager;
import org.javarosa.core.services.storage.StorageManager;
import org.javarosa.core.services.storage.util.DummyIndexedStorageUtility;
import org.javarosa.model.xform.XFormsModule;
import org.javarosa.xform.util.XFormUtils;

/**
 * What ODK Validate would say of the XForms pyxform wrote (a folder of {@code .xml}): each is
 * parsed and initialised by JavaRosa, as ODK Validate does, with every attached file ({@code
 * jr://file...}) given as an empty list. One line per form: {@code name, accept or refuse,
 * message}. A measuring tool for {@code survey/corpus/pyxform_forms.py} (survey/README.md,
 * "Agreement with pyxform").
 */
public final class OdkValidate {
  private OdkValidate() {}

  public static void main(String[] args) throws IOException {
    ReferenceManager.instance().addReferenceFactory(new EmptyFiles());
    // As ODK Validate sets up JavaRosa: storage for preloads, and pulldata() answering "".
    new XFormsModule().registerModule();
    StorageManager.setStorageFactory((name, type) -> new DummyIndexedStorageUtility<>(), true);
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(args[0]))) {
      files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    for (Path f : files) {
      String verdict = "accept";
      String message = "";
      try (InputStream in = Files.newInputStream(f)) {
        FormDef form = XFormUtils.getFormFromInputStream(in);
        form.getEvaluationContext().addFunctionHandler(new PullData());
        form.initialize(true, new InstanceInitializationFactory());
      } catch (Throwable e) {
        if (java.util.Arrays.stream(e.getStackTrace())
            .anyMatch(t -> t.getClassName().contains("StubSetGeopointAction"))) {
          // JavaRosa's stand-in for the phone's GPS writes "no" as a location: a limit of this
          // harness, not of the form (Collect and ODK Validate accept start-geopoint).
          System.out.println(f.getFileName() + "\taccept\t");
          continue;
        }
        verdict = "refuse";
        message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
      }
      System.out.println(f.getFileName() + "\t" + verdict + "\t" + message);
    }
  }

  /** pulldata() with no data: "" (ODK Validate registers one too). */
  private static final class PullData implements IFunctionHandler {
    @Override
    public String getName() {
      return "pulldata";
    }

    @Override
    public List<Class<?>[]> getPrototypes() {
      return List.of();
    }

    @Override
    public boolean rawArgs() {
      return true;
    }

    @Override
    public Object eval(Object[] args, EvaluationContext ec) {
      return "";
    }
  }

  /** Every attached file, as an empty CSV or XML list. */
  private static final class EmptyFiles implements ReferenceFactory {
    @Override
    public boolean derives(String uri) {
      return uri.startsWith("jr://file");
    }

    @Override
    public Reference derive(String uri) {
      return new Empty(uri);
    }

    @Override
    public Reference derive(String uri, String context) {
      return new Empty(uri);
    }
  }

  private record Empty(String uri) implements Reference {
    @Override
    public boolean doesBinaryExist() {
      return true;
    }

    @Override
    public InputStream getStream() {
      String body =
          uri.endsWith(".csv")
              ? "name,label\nx,x\n"
              : uri.endsWith(".geojson")
                  ? "{\"type\":\"FeatureCollection\",\"features\":[]}"
                  : "<root><item><name>x</name><label>x</label></item></root>";
      return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getURI() {
      return uri;
    }

    @Override
    public String getLocalURI() {
      return uri;
    }

    @Override
    public boolean isReadOnly() {
      return true;
    }

    @Override
    public OutputStream getOutputStream() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void remove() {}

    @Override
    public Reference[] probeAlternativeReferences() {
      return new Reference[0];
    }
  }
}
