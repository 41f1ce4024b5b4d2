{#- Multi-source breadth-first search: attaches free nodes to the nearest seed.

    Arguments:
      seeds_relation: (node_id, seed_id) — nodes already in a seed (distance 0)
      edges_relation: (from_id, to_id) — undirected links; only free nodes are attached
      free_nodes_relation: (node_id) — the nodes that may be attached
    Returns SQL selecting (node_id, seed_id, distance, seed_count) for every free node reached:
    seed_count = 1 when exactly one seed is nearest (seed_id set); seed_count > 1 when several
    seeds are equally near: the node is *shared*, seed_id is NULL, and it attaches nothing beyond
    itself (a shared node is no bridge). Unreached free nodes are not returned.

    Round k attaches the free nodes at distance k. The loop stops when a round attaches
    nothing; reaching var('identity_max_rounds') first fails the build. Scratch tables
    (<model>__bfs_*) are dropped by drop_nearest_seed_scratch() in the model's post-hook. -#}
{% macro assign_to_nearest_seed(seeds_relation, edges_relation, free_nodes_relation) %}
    {%- set reached = _nearest_seed_scratch(this, 'reached') -%}
    {%- set links = _nearest_seed_scratch(this, 'links') -%}
    {%- set frontier = _nearest_seed_scratch(this, 'frontier') -%}
    {%- set max_rounds = var('identity_max_rounds') | int -%}

    {%- if execute and flags.WHICH in ('run', 'build') -%}
        {%- do drop_nearest_seed_scratch(this) -%}
        {#- both directions, only towards free nodes -#}
        {%- do create_scratch_table(links,
            "select from_id as source_id, to_id as target_id from " ~ edges_relation
            ~ " where to_id in (select node_id from " ~ free_nodes_relation ~ ")"
            ~ " union all select to_id as source_id, from_id as target_id from " ~ edges_relation
            ~ " where from_id in (select node_id from " ~ free_nodes_relation ~ ")") -%}
        {%- do create_scratch_table(reached,
            "select node_id, seed_id, 0 as distance, 1 as seed_count from " ~ seeds_relation) -%}

        {%- set state = namespace(done=false, rounds=0) -%}
        {%- for round in range(1, max_rounds + 1) if not state.done -%}
            {%- set state.rounds = round -%}
            {%- do create_scratch_table(frontier,
                "select " ~ links ~ ".target_id as node_id, min(previous.seed_id) as seed_id,"
                ~ " count(distinct previous.seed_id) as seed_count from " ~ links
                ~ " inner join " ~ reached ~ " as previous on " ~ links ~ ".source_id = previous.node_id"
                ~ " and previous.distance = " ~ (round - 1) ~ " and previous.seed_count = 1"
                ~ " left join " ~ reached ~ " as known on " ~ links ~ ".target_id = known.node_id"
                ~ " where known.node_id is null group by " ~ links ~ ".target_id") -%}
            {%- if _connected_components_count("select count(*) from " ~ frontier) == 0 -%}
                {%- set state.done = true -%}
            {%- else -%}
                {%- do run_query("insert into " ~ reached ~ " select node_id, case when seed_count = 1"
                    ~ " then seed_id end, " ~ round ~ ", seed_count from " ~ frontier) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if not state.done -%}
            {{ exceptions.raise_compiler_error(
                "Attaching identifiers to known profiles did not converge in " ~ max_rounds
                ~ " rounds. Raise var('identity_max_rounds') and check for long chains of"
                ~ " anonymous identifiers."
            ) }}
        {%- endif -%}
        {%- do log("identity attachment converged: " ~ state.rounds ~ " round(s)", info=true) -%}
    {%- endif -%}

    select
        node_id,
        seed_id,
        distance,
        seed_count
    from {{ reached }}
    where distance > 0
{% endmacro %}

{% macro drop_nearest_seed_scratch(model_relation) %}
    {%- for name in ['reached', 'links', 'frontier'] -%}
        {%- do adapter.drop_relation(_nearest_seed_scratch(model_relation, name)) -%}
    {%- endfor -%}
{% endmacro %}

{% macro _nearest_seed_scratch(model_relation, name) %}
    {{ return(scratch_relation(model_relation, 'bfs_' ~ name)) }}
{% endmacro %}
