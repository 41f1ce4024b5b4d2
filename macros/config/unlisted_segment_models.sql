{#- Segment models (models/marts/segments/) that int_segment_members_unioned does not read, as
    problem messages. dbt needs a model's parents when it parses, before the graph exists, so the
    union names its segments; this check makes a forgotten one fail every build (ADR 0004). -#}
{% macro unlisted_segment_models() %}
    {%- set union_nodes = graph.nodes.values()
        | selectattr('resource_type', 'equalto', 'model')
        | selectattr('name', 'equalto', 'int_segment_members_unioned')
        | list -%}
    {%- set listed = union_nodes[0].depends_on.nodes if union_nodes else [] -%}
    {%- set problems = [] -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model'
        and node.package_name == project_name
        and node.original_file_path.replace('\\', '/').startswith('models/marts/segments/')
        and node.unique_id not in listed -%}
        {%- do problems.append("segment model " ~ node.name ~ " is not in segment_memberships: add ref('"
            ~ node.name ~ "') to the list in models/intermediate/segments/int_segment_members_unioned.sql") -%}
    {%- endfor -%}
    {{ return(problems) }}
{% endmacro %}
