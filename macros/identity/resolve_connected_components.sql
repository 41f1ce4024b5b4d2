{#- Connected components of an undirected graph, to convergence.

    Arguments:
      nodes_relation: relation with a column `node_column` (one row per node, unique, non-null)
      edges_relation: relation with columns `from_column`, `to_column` (node ids)
    Returns SQL selecting (node_id, component_id): component_id is the smallest node id of
    the node's component.

    Algorithm (hook and shortcut, as in Shiloach-Vishkin): every node points to a parent that
    is never larger than itself; at first every node is its own root and every edge links two
    roots. Each round (1) hooks each root onto the smallest root it shares an edge with,
    (2) shortcuts every pointer to its root by pointer jumping until no pointer changes, and
    (3) contracts the edges to edges between distinct roots, stopping when there are none. Rounds grow with log(n) on typical graphs and pointer jumping halves path lengths
    each step, so long chains cost a few rounds, not their length. The loop stops only when the
    graph has converged; if var('identity_max_rounds') rounds pass first, the build fails.

    The work happens in scratch tables next to the model (<model>__cc_*), created with dbt's
    own create_table_as so every adapter gets its own DDL (create_scratch_table), and dropped by
    drop_connected_components_scratch() in the model's post-hook. Outside `dbt run`/`dbt build`
    (compile, docs, linting) nothing is executed and the SQL reads the scratch table. -#}
{% macro resolve_connected_components(nodes_relation, node_column, edges_relation, from_column, to_column) %}
    {%- set parent = _connected_components_scratch(this, 'parent') -%}
    {%- set next_parent = _connected_components_scratch(this, 'next_parent') -%}
    {%- set root_edges = _connected_components_scratch(this, 'root_edges') -%}
    {%- set next_root_edges = _connected_components_scratch(this, 'next_root_edges') -%}
    {%- set max_rounds = var('identity_max_rounds') | int -%}

    {%- if execute and flags.WHICH in ('run', 'build') -%}
        {%- do drop_connected_components_scratch(this) -%}

        {#- Round 0: every node points to itself; every edge is an edge between roots. -#}
        {%- do create_scratch_table(parent,
            "select " ~ node_column ~ " as node_id, " ~ node_column ~ " as parent_id from "
            ~ nodes_relation) -%}
        {%- do create_scratch_table(root_edges,
            "select distinct least(" ~ from_column ~ ", " ~ to_column ~ ") as low_id, greatest("
            ~ from_column ~ ", " ~ to_column ~ ") as high_id from " ~ edges_relation
            ~ " where " ~ from_column ~ " != " ~ to_column) -%}

        {%- set state = namespace(converged=false, rounds=0, jumps=0) -%}
        {%- for round in range(max_rounds) if not state.converged -%}
            {%- set state.rounds = state.rounds + 1 -%}

            {#- (1) hook: each root that shares an edge with a smaller root points to the
                smallest such root. Roots only ever point to smaller ids: no cycles. -#}
            {%- do create_scratch_table(next_parent,
                "select " ~ parent ~ ".node_id, least(" ~ parent ~ ".parent_id, coalesce(hooks.low_id, "
                ~ parent ~ ".parent_id)) as parent_id from " ~ parent ~ " left join (select high_id,"
                ~ " min(low_id) as low_id from " ~ root_edges ~ " group by high_id) as hooks on "
                ~ parent ~ ".node_id = hooks.high_id") -%}
            {%- do _connected_components_swap(parent, next_parent) -%}

            {#- (2) shortcut: pointer jumping until every node points at a root. -#}
            {%- set jumping = namespace(done=false) -%}
            {%- for jump in range(64) if not jumping.done -%}
                {%- set state.jumps = state.jumps + 1 -%}
                {%- do create_scratch_table(next_parent,
                    "select child.node_id, grandparent.parent_id from " ~ parent ~ " as child inner join "
                    ~ parent ~ " as grandparent on child.parent_id = grandparent.node_id") -%}
                {%- set changed = _connected_components_count(
                    "select count(*) from " ~ next_parent ~ " as jumped inner join " ~ parent
                    ~ " as before_jump on jumped.node_id = before_jump.node_id where"
                    ~ " jumped.parent_id != before_jump.parent_id") -%}
                {%- do _connected_components_swap(parent, next_parent) -%}
                {%- if changed == 0 -%}
                    {%- set jumping.done = true -%}
                {%- endif -%}
            {%- endfor -%}

            {#- (3) contract: edges between the roots of their endpoints, if still distinct. -#}
            {%- do create_scratch_table(next_root_edges,
                "select distinct least(low_root.parent_id, high_root.parent_id) as low_id,"
                ~ " greatest(low_root.parent_id, high_root.parent_id) as high_id from " ~ root_edges
                ~ " inner join " ~ parent ~ " as low_root on " ~ root_edges ~ ".low_id = low_root.node_id"
                ~ " inner join " ~ parent ~ " as high_root on " ~ root_edges ~ ".high_id = high_root.node_id"
                ~ " where low_root.parent_id != high_root.parent_id") -%}
            {%- do _connected_components_swap(root_edges, next_root_edges) -%}
            {%- if _connected_components_count("select count(*) from " ~ root_edges) == 0 -%}
                {%- set state.converged = true -%}
            {%- endif -%}
        {%- endfor -%}

        {%- if not state.converged -%}
            {{ exceptions.raise_compiler_error(
                "Identity resolution did not converge in " ~ max_rounds ~ " round(s). Raise "
                ~ "var('identity_max_rounds') (e.g. dbt build --vars '{identity_max_rounds: "
                ~ max_rounds * 2 ~ "}') and check dim_customers for a giant profile."
            ) }}
        {%- endif -%}
        {%- do log("identity resolution converged: " ~ state.rounds ~ " round(s), "
            ~ state.jumps ~ " pointer-jumping step(s)", info=true) -%}
    {%- endif -%}

    select
        node_id,
        parent_id as component_id
    from {{ parent }}
{% endmacro %}

{% macro drop_connected_components_scratch(model_relation) %}
    {%- for name in ['parent', 'next_parent', 'root_edges', 'next_root_edges'] -%}
        {%- do adapter.drop_relation(_connected_components_scratch(model_relation, name)) -%}
    {%- endfor -%}
{% endmacro %}

{% macro _connected_components_scratch(model_relation, name) %}
    {{ return(scratch_relation(model_relation, 'cc_' ~ name)) }}
{% endmacro %}

{% macro _connected_components_swap(current, replacement) %}
    {%- do adapter.drop_relation(current) -%}
    {%- do adapter.rename_relation(replacement, current) -%}
{% endmacro %}

{% macro _connected_components_count(sql) %}
    {{ return(run_query(sql).columns[0].values()[0] | int) }}
{% endmacro %}
