package com.crmbot.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The bot never touches WxJava or DingTalk SDK types: it speaks only the connectors'
 * transport-neutral API. (The reverse, connectors never depending on the bot, is enforced
 * by Maven: the connectors module does not have the bot on its classpath.)
 */
class ArchitectureTest {

	private final JavaClasses bot = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("com.crmbot");

	@Test
	void theBotDoesNotUsePlatformSdks() {
		noClasses().that()
			.resideOutsideOfPackage("com.crmbot.connector..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("me.chanjar..", "com.aliyun..", "com.dingtalk..", "com.taobao..")
			.check(bot);
	}

	@Test
	void theBotUsesOnlyTheConnectorsPublicApi() {
		noClasses().that()
			.resideOutsideOfPackage("com.crmbot.connector..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.crmbot.connector.wecom..", "com.crmbot.connector.dingtalk..",
					"com.crmbot.connector.local..")
			.check(bot);
	}

}
