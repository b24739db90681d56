package com.crmbot.connector.wecom;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import com.crmbot.connector.wecom.WecomCryptoException.Kind;

/**
 * Parses WeCom's small XML documents into a flat map, refusing DOCTYPEs, entities and
 * external resources (XXE, billion laughs). Leaf elements are keyed by their name and,
 * when nested, also by their dotted path ({@code ApprovalInfo.SpNo}).
 */
final class SafeXml {

	private static final int MAX_CHARS = 256 * 1024;

	private SafeXml() {
	}

	static Map<String, String> parse(String xml) throws WecomCryptoException {
		if (xml == null || xml.isBlank()) {
			throw new WecomCryptoException(Kind.XML, "empty XML");
		}
		if (xml.length() > MAX_CHARS) {
			throw new WecomCryptoException(Kind.XML, "XML too large");
		}
		String upper = xml.toUpperCase(Locale.ROOT);
		if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
			throw new WecomCryptoException(Kind.XML, "DOCTYPE/ENTITY refused");
		}
		try {
			DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			f.setFeature("http://xml.org/sax/features/external-general-entities", false);
			f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
			f.setXIncludeAware(false);
			f.setExpandEntityReferences(false);
			f.setNamespaceAware(false);
			DocumentBuilder b = f.newDocumentBuilder();
			b.setErrorHandler(null);
			b.setEntityResolver((publicId, systemId) -> {
				throw new org.xml.sax.SAXException("external entity refused");
			});
			Document doc = b.parse(new InputSource(new StringReader(xml)));
			Map<String, String> out = new LinkedHashMap<>();
			collect(doc.getDocumentElement(), "", out);
			return out;
		}
		catch (Exception ex) {
			throw new WecomCryptoException(Kind.XML, "unparseable XML");
		}
	}

	private static void collect(Element parent, String prefix, Map<String, String> out) {
		NodeList children = parent.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			Node n = children.item(i);
			if (n.getNodeType() != Node.ELEMENT_NODE) {
				continue;
			}
			Element e = (Element) n;
			String name = e.getTagName();
			String path = prefix.isEmpty() ? name : prefix + "." + name;
			if (hasElementChildren(e)) {
				collect(e, path, out);
			}
			else {
				String text = e.getTextContent();
				out.putIfAbsent(name, text);
				if (!path.equals(name)) {
					out.putIfAbsent(path, text);
				}
			}
		}
	}

	private static boolean hasElementChildren(Element e) {
		NodeList c = e.getChildNodes();
		for (int i = 0; i < c.getLength(); i++) {
			if (c.item(i).getNodeType() == Node.ELEMENT_NODE) {
				return true;
			}
		}
		return false;
	}

	/** Escape text for a CDATA section. */
	static String cdata(String s) {
		return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>";
	}

}
