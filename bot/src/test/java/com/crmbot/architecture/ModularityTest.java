package com.crmbot.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import com.crmbot.CrmBotApplication;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module map (docs/modules.md): every direct sub-package of {@code com.crmbot} is a
 * module (plus {@code connector}, the connectors jar); no cycles between them, and no
 * module reaches into another's non-exposed types (sub-packages are internal unless a
 * {@code @NamedInterface} exposes them).
 * <p>
 * The diagrams are generated into {@code target/spring-modulith-docs} on every run, and
 * the committed module diagram {@code docs/modules/components.puml} must equal the
 * generated one. After changing a module dependency, refresh {@code docs/modules} with
 * {@code ./mvnw -B -o -pl bot -am test -Dtest=ModularityTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcrmbot.modules.write=true}.
 */
class ModularityTest {

	private static final Path GENERATED = Path.of("target", "spring-modulith-docs");

	private static final Path COMMITTED = Path.of("..", "docs", "modules");

	private static final ApplicationModules modules = ApplicationModules.of(CrmBotApplication.class);

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
		modules.verify();
	}

	@Test
	void theCommittedModuleDiagramMatchesTheCode() throws IOException {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		if (Boolean.getBoolean("crmbot.modules.write")) {
			Files.createDirectories(COMMITTED);
			try (Stream<Path> old = Files.list(COMMITTED)) {
				for (Path p : old.toList()) {
					Files.delete(p);
				}
			}
			for (Path p : generatedFiles()) {
				Files.copy(p, COMMITTED.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		// the Documenter's order of relations varies from run to run: compare line sets
		assertThat(sortedLines(COMMITTED.resolve("components.puml")))
			.as("docs/modules/components.puml is stale: refresh it with -Dcrmbot.modules.write=true (see ModularityTest)")
			.isEqualTo(sortedLines(GENERATED.resolve("components.puml")));
		assertThat(generatedFiles()).extracting((p) -> p.getFileName().toString())
			.contains("module-chat.puml", "module-chat.adoc", "module-inquiry.puml");
	}

	private static List<String> sortedLines(Path file) throws IOException {
		return Files.readAllLines(file).stream().sorted().toList();
	}

	private static List<Path> generatedFiles() throws IOException {
		try (Stream<Path> files = Files.list(GENERATED)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
	}

}
