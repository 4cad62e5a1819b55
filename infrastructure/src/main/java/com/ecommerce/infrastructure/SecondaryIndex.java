package com.ecommerce.infrastructure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index for {@link IdLookupH2Backend}, where mongo-java-server keeps none (it accepts the index and
 * ignores it, so every query on such a field reads the whole collection). It maps the value of the index's first
 * field to the documents that hold it, sorted as MongoDB sorts values, so it finds the candidates of an equality, an
 * {@code $in} or a range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}) on that field; the query's other
 * conditions, and its sort, are then applied to those candidates alone, as MongoDB applies a query's remaining
 * conditions to what an index found. Its other fields are not used to look up (none of the services needs it).
 *
 * <p>Kept in memory and built from the documents when the collection is opened: the H2 file holds no more than it
 * did, and a file written with it reads the same without it. A position is the document's {@code _id}, which is
 * how the H2 backend stores documents.
 */
final class SecondaryIndex extends Index<Object> {

	private static final String ID = "_id";

	private final String field;

	/*
	 * The first field's value, normalised as the library normalises index keys (every number a double) → the id of
	 * the one document that has it, or a Several of the ids when more do. Most keys of most indexes (instants) belong
	 * to one document, and a set for each cost about 200 bytes: at 60,000 orders the sets of the stores' indexes had
	 * filled the embedded MongoDB's heap.
	 */
	private final NavigableMap<Object, Object> entries = new TreeMap<>(ValueComparator.asc());

	private long count;

	SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.field = keys.getFirst().getKey();
	}

	/** The documents a query's conditions on the first field allow, or null when it sets none this index can use. */
	synchronized Lookup lookup(Map<String, Object> conditions) {
		if (!conditions.containsKey(this.field)) {
			return null;
		}
		Object condition = conditions.get(this.field);
		if (!(condition instanceof Document operators) || !isOperatorDocument(operators)) {
			return equalTo(Collections.singletonList(condition));
		}
		if (operators.containsKey("$eq")) {
			return equalTo(Collections.singletonList(operators.get("$eq")));
		}
		if (operators.get("$in") instanceof Collection<?> values) {
			return equalTo(values);
		}
		return between(operators);
	}

	@Override
	public boolean canHandle(Document query) {
		return lookup(query) != null;
	}

	@Override
	public Iterable<Object> getPositions(Document query) {
		return lookup(query).positions();
	}

	@Override
	public Object getPosition(Document document) {
		return null; // not unique: no one position stands for a key
	}

	@Override
	public void checkAdd(Document document, MongoCollection<Object> collection) {
		// nothing to refuse
	}

	@Override
	public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
		if (isSparse() && lacksField(document)) {
			return;
		}
		for (Object key : keysOf(document)) {
			if (addPosition(key, position)) {
				this.count++;
			}
		}
	}

	@Override
	public synchronized Object remove(Document document) {
		if (isSparse() && lacksField(document)) {
			return null;
		}
		Object position = Utils.getSubdocumentValue(document, ID);
		removeEntries(document, position);
		return position;
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
		// nothing to refuse
	}

	@Override
	public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
			MongoCollection<Object> collection) {
		boolean wasIndexed = !(isSparse() && lacksField(oldDocument));
		boolean isIndexed = !(isSparse() && lacksField(newDocument));
		if (wasIndexed == isIndexed && keysOf(oldDocument).equals(keysOf(newDocument))) {
			return;
		}
		if (wasIndexed) {
			removeEntries(oldDocument, position);
		}
		add(newDocument, position, collection);
	}

	@Override
	public synchronized long getCount() {
		return this.count;
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

	@Override
	public synchronized void drop() {
		this.entries.clear();
		this.count = 0;
	}

	private void removeEntries(Document document, Object position) {
		for (Object key : keysOf(document)) {
			if (removePosition(key, position)) {
				this.count--;
			}
		}
	}

	private boolean addPosition(Object key, Object position) {
		Object held = this.entries.putIfAbsent(key, position);
		if (held == null) {
			return true;
		}
		if (held instanceof Several several) {
			return several.add(position);
		}
		if (held.equals(position)) {
			return false;
		}
		Several several = new Several();
		several.add(held);
		several.add(position);
		this.entries.put(key, several);
		return true;
	}

	private boolean removePosition(Object key, Object position) {
		Object held = this.entries.get(key);
		if (held instanceof Several several) {
			if (!several.remove(position)) {
				return false;
			}
			if (several.size() == 1) {
				this.entries.put(key, several.iterator().next());
			}
			return true;
		}
		if (held != null && held.equals(position)) {
			this.entries.remove(key);
			return true;
		}
		return false;
	}

	private static void collect(Object held, Set<Object> found) {
		if (held instanceof Several several) {
			found.addAll(several);
		}
		else if (held != null) {
			found.add(held);
		}
	}

	private Lookup equalTo(Collection<?> values) {
		List<Object> keys = new ArrayList<>();
		for (Object value : values) {
			// A whole array, an embedded document or a pattern is matched otherwise than by one key; a null also
			// matches a missing field, which a sparse index leaves out.
			if (value instanceof Collection || value instanceof Document || isPattern(value)
					|| (value == null && isSparse())) {
				return null;
			}
			keys.add(normalized(value));
		}
		Set<Object> found = new LinkedHashSet<>();
		for (Object key : keys) {
			collect(this.entries.get(key), found);
		}
		return new Lookup(found);
	}

	/**
	 * A range, bounded as MongoDB bounds it: a comparison matches only values of its own type (numbers count as one),
	 * which sort next to each other, so the walk from a bound stops at the first value of another type.
	 */
	private Lookup between(Document operators) {
		Object lower = bound(operators, "$gte", "$gt");
		Object upper = bound(operators, "$lte", "$lt");
		if (lower == null && upper == null) {
			return null;
		}
		if (lower != null && upper != null && ValueComparator.asc().compare(lower, upper) > 0) {
			return new Lookup(Set.of());
		}
		Object typed = (lower != null) ? lower : upper;
		NavigableMap<Object, Object> range = this.entries;
		if (lower != null) {
			range = range.tailMap(lower, operators.containsKey("$gte"));
		}
		if (upper != null) {
			range = range.headMap(upper, operators.containsKey("$lte"));
		}
		Iterable<Map.Entry<Object, Object>> walk = (lower != null) ? range.entrySet()
				: range.descendingMap().entrySet();
		Set<Object> found = new LinkedHashSet<>();
		for (Map.Entry<Object, Object> entry : walk) {
			if (!sameType(entry.getKey(), typed)) {
				if (lower == null || upper == null) {
					break;
				}
				continue;
			}
			collect(entry.getValue(), found);
		}
		return new Lookup(found);
	}

	private static Object bound(Document operators, String inclusive, String exclusive) {
		Object value = operators.containsKey(inclusive) ? operators.get(inclusive) : operators.get(exclusive);
		if (value == null || value instanceof Collection || value instanceof Document || isPattern(value)) {
			return null;
		}
		return normalized(value);
	}

	private static boolean sameType(Object key, Object bound) {
		if (key == null) {
			return false;
		}
		return (key instanceof Number && bound instanceof Number) || key.getClass().equals(bound.getClass());
	}

	/**
	 * The normalised values of the first field in the document, one per element when it is an array (an empty one
	 * has none), null when the field is missing.
	 */
	private Set<Object> keysOf(Document document) {
		Object value = Utils.getSubdocumentValueCollectionAware(document, this.field);
		if (value instanceof Collection<?> elements) {
			Set<Object> keys = new LinkedHashSet<>();
			for (Object element : elements) {
				keys.add(normalized(element));
			}
			return keys;
		}
		return Collections.singleton(normalized(value));
	}

	private boolean lacksField(Document document) {
		return Utils.getSubdocumentValue(document, this.field) instanceof Missing;
	}

	private static Object normalized(Object value) {
		return new KeyValue(value).normalized().get(0);
	}

	private static boolean isOperatorDocument(Document document) {
		return !document.isEmpty() && document.keySet().stream().allMatch((key) -> key.startsWith("$"));
	}

	private static boolean isPattern(Object value) {
		return value instanceof BsonRegularExpression || value instanceof java.util.regex.Pattern
				|| BsonRegularExpression.isRegularExpression(value);
	}

	/** The ids of the documents that share one key. */
	private static final class Several extends LinkedHashSet<Object> {

	}

	/** The documents an index lookup found: candidates, each still to be matched against the whole query. */
	record Lookup(Collection<Object> positions) {

		int size() {
			return this.positions.size();
		}

	}

}
