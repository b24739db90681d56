package com.crmbot.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.crmbot.support.BotTestSupport;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

/**
 * Uploads files to the import API and reads the answers. The import tests run with a 1 MB
 * upload limit and the import's store access able to crash on a chosen batch
 * ({@link ImportStoreFaults}).
 */
@Import(ImportStoreFaults.class)
@TestPropertySource(properties = "crmbot.import.max-bytes=1048576")
abstract class ImportTestSupport extends BotTestSupport {

	@Override
	protected void extraCleanup() {
		for (String c : List.of(LeadImport.COLLECTION, ImportReject.COLLECTION, "stage_history", "tasks",
				"audit_log")) {
			mongo.remove(new Query(), c);
		}
	}

	/** POST a file's bytes; returns the JSON answer. */
	protected JsonNode upload(String user, String fileName, byte[] content, boolean confirm) {
		String q = "/api/import?user=" + user + "&file=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8)
				+ (confirm ? "&confirm=true" : "");
		Response r = send(HttpRequest.newBuilder(uri(q))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(content))
			.build());
		if (r.status() != 200) {
			throw new AssertionError("HTTP " + r.status() + ": " + r.body());
		}
		return r.json();
	}

	protected static String texts(JsonNode answer) {
		List<String> out = new ArrayList<>();
		answer.get("replies").forEach((n) -> out.add(n.get("text").asString()));
		return String.join("\n", out);
	}

	protected static byte[] csv(Charset charset, boolean bom, String... lines) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (bom) {
			out.writeBytes(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		}
		out.writeBytes(String.join("\r\n", lines).concat("\r\n").getBytes(charset));
		return out.toByteArray();
	}

	protected static byte[] xlsx(XSSFWorkbook wb) {
		try (wb; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
