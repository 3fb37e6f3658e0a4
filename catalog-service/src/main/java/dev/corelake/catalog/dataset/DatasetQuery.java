package dev.corelake.catalog.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.corelake.platform.web.PageResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pages through datasets filtered by name prefix, owner and tag. The filter is built from
 * the filters given, so each database plans the query it actually runs.
 *
 * @author Corelake
 */
@Component
class DatasetQuery {

	private final JdbcClient jdbc;

	private final DatasetRepository datasets;

	DatasetQuery(JdbcClient jdbc, DatasetRepository datasets) {
		this.jdbc = jdbc;
		this.datasets = datasets;
	}

	PageResponse<Dataset> find(DatasetFilter filter, DatasetAccess.Caller caller, int page, int size) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		Map<String, Object> params = new HashMap<>();
		if (filter.prefix() != null && !filter.prefix().isEmpty()) {
			where.append(" and d.name like :prefix escape '!'");
			params.put("prefix", filter.prefix().replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%");
		}
		if (filter.owner() != null) {
			where.append(" and d.owner = :owner");
			params.put("owner", filter.owner());
		}
		if (!caller.readsAll()) {
			where.append(" and (d.owner = :caller or exists (select 1 from dataset_reader r"
					+ " where r.dataset_id = d.id and r.principal in (:caller, '" + DatasetAccess.EVERYONE + "')))");
			params.put("caller", caller.name());
		}
		if (filter.tag() != null) {
			where.append(" and exists (select 1 from dataset_tag t where t.dataset_id = d.id and t.tag = :tag)");
			params.put("tag", filter.tag());
		}
		long total = this.jdbc.sql("select count(*) from dataset d" + where).params(params).query(Long.class).single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<Long> ids = this.jdbc
			.sql("select d.id from dataset d" + where + " order by d.name limit :limit offset :offset")
			.params(params)
			.query(Long.class)
			.list();
		// keep the database's order (findAllById does not)
		Map<Long, Dataset> byId = new HashMap<>();
		this.datasets.findAllById(ids).forEach((dataset) -> byId.put(dataset.getId(), dataset));
		List<Dataset> items = new ArrayList<>();
		ids.stream().map(byId::get).filter(java.util.Objects::nonNull).forEach(items::add);
		return PageResponse.of(items, page, size, total);
	}

	/**
	 * Optional filters of a listing.
	 *
	 * @param prefix name prefix
	 * @param owner exact owner
	 * @param tag a tag the dataset carries
	 */
	record DatasetFilter(String prefix, String owner, String tag) {
	}

}
