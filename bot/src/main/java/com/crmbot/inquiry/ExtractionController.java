package com.crmbot.inquiry;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.crmbot.config.ConfigService;
import com.crmbot.inquiry.extract.ExtractedInquiry;
import com.crmbot.template.TemplateService;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/inquiries/extract {"text": ...}}: the ten fields of SPEC.md as JSON,
 * storing nothing. For admins tuning the rules and for measurement.
 */
@RestController
class ExtractionController {

	private final InquiryService inquiries;

	private final ConfigService config;

	private final TemplateService templates;

	ExtractionController(InquiryService inquiries, ConfigService config, TemplateService templates) {
		this.templates = templates;
		this.inquiries = inquiries;
		this.config = config;
	}

	@PostMapping(path = "/api/inquiries/extract", consumes = "application/json")
	ResponseEntity<?> extract(@RequestBody(required = false) TextBody body) {
		if (body == null || body.text() == null) {
			return ResponseEntity.badRequest()
				.body(Map.of("error", templates.both("api-error-text-required", Map.of())));
		}
		int max = config.get().bot().maxMessageBytes();
		if (body.text().getBytes(StandardCharsets.UTF_8).length > max) {
			return ResponseEntity.status(413).body(Map.of("error", "text longer than " + max + " bytes"));
		}
		ExtractedInquiry x = inquiries.extract(body.text());
		return ResponseEntity.ok(x);
	}

	record TextBody(String text) {
	}

}
