{#- True when the raw input `input_name` is listed in var('inputs'). Fails the build with a
    message that says what to fix when the var names an input that does not exist. -#}
{% macro input_enabled(input_name) %}
    {%- set known_inputs = ['demo', 'snowplow', 'online_retail'] -%}
    {%- set inputs = var('inputs') -%}
    {%- if inputs is none or inputs is number or inputs is mapping or inputs is boolean -%}
        {{ exceptions.raise_compiler_error(
            "var('inputs') must be a list of input names such as [demo] or [snowplow, online_retail], got '"
            ~ inputs ~ "'."
        ) }}
    {%- endif -%}
    {%- if inputs is string -%}
        {#- from the command line or sqlfluff: 'demo', 'demo,snowplow' or '[demo, snowplow]' -#}
        {%- set inputs = inputs | replace('[', '') | replace(']', '') | replace('"', '')
            | replace("'", '') | replace(' ', '') -%}
        {%- set inputs = inputs.split(',') | reject('equalto', '') | list -%}
    {%- endif -%}
    {%- for name in inputs -%}
        {%- if name not in known_inputs -%}
            {{ exceptions.raise_compiler_error(
                "var('inputs') names an unknown input '" ~ name ~ "'. Use any of "
                ~ known_inputs | join(', ') ~ ", e.g. dbt build --vars '{inputs: [demo]}'."
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {%- if inputs | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "var('inputs') is empty: list at least one of " ~ known_inputs | join(', ') ~ "."
        ) }}
    {%- endif -%}
    {%- if input_name not in known_inputs -%}
        {{ exceptions.raise_compiler_error("input_enabled(): unknown input '" ~ input_name ~ "'.") }}
    {%- endif -%}
    {{ return(input_name in inputs) }}
{% endmacro %}
