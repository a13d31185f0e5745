package org.spamtraffic.evidence.phone;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The carrier libphonenumber's carrier data names for a number range. That data is not published on
 * Maven Central; Debian ships it (package {@code libphonenumber8-java}: {@code carrier.jar} and
 * {@code prefixmapper.jar} in {@code /usr/share/java}). This adapter loads those two jars in a
 * child class loader above our libphonenumber and calls the one public method we need, {@code
 * PhoneNumberToCarrierMapper.getNameForValidNumber(PhoneNumber, Locale)}, by reflection; {@code
 * CarrierNamesTest} pins that it works with the installed version. Without the jars there are no
 * carrier names, and the derivation says so.
 */
public final class CarrierNames implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where Debian's libphonenumber8-java puts the jars. */
  public static final List<Path> DEBIAN_JARS =
      List.of(
          Path.of("/usr/share/java/carrier.jar"),
          Path.of("/usr/share/java/prefixmapper.jar"),
          Path.of("/usr/share/java/libphonenumber.jar"));

  private final List<String> jars;
  private transient Object util;
  private transient Method parse;
  private transient Object mapper;
  private transient Method nameOf;
  private transient boolean loaded;

  private CarrierNames(List<String> jars) {
    this.jars = jars;
  }

  /** Carrier names from Debian's jars, or none when they are not installed. */
  public static CarrierNames debian() {
    for (Path p : DEBIAN_JARS) {
      if (!Files.isRegularFile(p)) {
        return none();
      }
    }
    return new CarrierNames(DEBIAN_JARS.stream().map(Path::toString).toList());
  }

  /** No carrier names. */
  public static CarrierNames none() {
    return new CarrierNames(List.of());
  }

  /** Whether carrier data is there. */
  public boolean available() {
    return !jars.isEmpty();
  }

  /** The version of the carrier data (the jar's Maven version), or {@code none}. */
  public String version() {
    if (!available()) {
      return "none";
    }
    try (var jar = new java.util.jar.JarFile(jars.get(0))) {
      var entry =
          jar.getEntry("META-INF/maven/com.googlecode.libphonenumber/carrier/pom.properties");
      if (entry == null) {
        return "unknown";
      }
      var props = new java.util.Properties();
      props.load(jar.getInputStream(entry));
      return props.getProperty("version", "unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** The carrier the data names for the range of valid number {@code n}, if any. */
  public synchronized Optional<String> of(PhoneNumber n) {
    if (!available()) {
      return Optional.empty();
    }
    if (!loaded) {
      load();
    }
    try {
      String e164 = "+" + n.getCountryCode() + n.getNationalNumber();
      Object theirs = parse.invoke(util, e164, "ZZ");
      String name = (String) nameOf.invoke(mapper, theirs, Locale.ENGLISH);
      return name == null || name.isEmpty() ? Optional.empty() : Optional.of(name);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("libphonenumber carrier look-up failed", e);
    }
  }

  private void load() {
    try {
      URL[] urls = new URL[jars.size()];
      for (int i = 0; i < urls.length; i++) {
        urls[i] = Path.of(jars.get(i)).toUri().toURL();
      }
      @SuppressWarnings("resource") // lives as long as this object: the data is read lazily.
      ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
      Class<?> u = Class.forName("com.google.i18n.phonenumbers.PhoneNumberUtil", true, loader);
      Class<?> pn =
          Class.forName("com.google.i18n.phonenumbers.Phonenumber$PhoneNumber", true, loader);
      util = u.getMethod("getInstance").invoke(null);
      parse = u.getMethod("parse", CharSequence.class, String.class);
      Class<?> c =
          Class.forName("com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper", true, loader);
      mapper = c.getMethod("getInstance").invoke(null);
      nameOf = c.getMethod("getNameForValidNumber", pn, Locale.class);
      loaded = true;
    } catch (MalformedURLException | ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(
          "Cannot load libphonenumber's carrier data from " + jars + ": " + e, e);
    }
  }
}
