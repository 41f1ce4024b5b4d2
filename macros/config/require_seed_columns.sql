{#- Stops the build with advice when a configuration seed lacks a column the models read, e.g. an
    identifier_types.csv kept from a version before max_links_per_type. Checked when the model
    runs (the seed is loaded by then); skipped when the seed has no table yet (compiling or
    linting before the first build). -#}
{% macro require_seed_columns(seed_name, columns, advice) %}
    {%- if execute -%}
        {%- set found = relation_column_names(ref(seed_name)) -%}
        {%- set missing = [] -%}
        {%- for column in columns if column not in found -%}
            {%- do missing.append(column) -%}
        {%- endfor -%}
        {%- if found and missing -%}
            {{ exceptions.raise_compiler_error(
                "seeds/config/" ~ seed_name ~ ".csv has no column " ~ missing | join(', ')
                ~ ": add it (" ~ advice ~ "), then run the build again."
            ) }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
