{#- Parses a raw timestamp string into a naive timestamp holding the UTC instant, or NULL
    when the text matches none of the accepted formats (callers quarantine those rows).
    Accepted, in this order:
      1. ISO 8601 with an offset or 'Z' ('2022-09-15T09:00:00+02:00', '...T07:00:00Z'):
         the instant the offset names;
      2. ISO 8601 without an offset ('2022-09-15 07:00:00[.fff]', 'T' or space):
         wall-clock time in `time_zone`;
      3. day-first ('15-09-2022 9:00:00', '15/09/2022 09:00'): wall-clock time in `time_zone`.
    Month-first dates are never guessed. -#}
{% macro parse_timestamp_utc(text_expr, time_zone) %}
    {{ return(adapter.dispatch('parse_timestamp_utc', 'openprofile')(text_expr, time_zone)) }}
{% endmacro %}

{% macro default__parse_timestamp_utc(text_expr, time_zone) -%}
    coalesce(
        timezone(
            'UTC',
            try_strptime(
                regexp_replace(trim({{ text_expr }}), '[Zz]$', '+00:00'),
                ['%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%dT%H:%M:%S.%f%z',
                    '%Y-%m-%d %H:%M:%S%z', '%Y-%m-%d %H:%M:%S.%f%z']
            )
        ),
        {{ openprofile.convert_to_utc(
            "try_strptime(trim(" ~ text_expr ~ "), ['%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f', "
            ~ "'%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%d-%m-%Y %H:%M:%S', "
            ~ "'%d-%m-%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M'])",
            time_zone
        ) }}
    )
{%- endmacro %}

{% macro spark__parse_timestamp_utc(text_expr, time_zone) -%}
    coalesce(
        to_utc_timestamp(
            coalesce(
                try_to_timestamp(trim({{ text_expr }}), "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]XXX"),
                try_to_timestamp(trim({{ text_expr }}), "yyyy-MM-dd HH:mm:ss[.SSSSSS]XXX")
            ),
            'UTC'
        ),
        to_utc_timestamp(
            coalesce(
                try_to_timestamp(trim({{ text_expr }}), "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]"),
                try_to_timestamp(trim({{ text_expr }}), 'yyyy-MM-dd HH:mm:ss[.SSSSSS]'),
                try_to_timestamp(trim({{ text_expr }}), 'd-M-yyyy H:mm[:ss]'),
                try_to_timestamp(trim({{ text_expr }}), 'd/M/yyyy H:mm[:ss]')
            ),
            '{{ time_zone }}'
        )
    )
{%- endmacro %}
