with int_activities_unioned as (
    select * from {{ ref('int_activities_unioned') }}
),

unpivoted as (
    {% for column in identifier_columns() %}
        select
            activity_id,
            source_name,
            '{{ column }}' as identifier_type,
            {{ column }} as identifier_value,
            occurred_at
        from int_activities_unioned
        where {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        {{ dbt.hash("identifier_type || ':' || identifier_value") }} as identifier_id,
        activity_id,
        source_name,
        identifier_type,
        identifier_value,
        occurred_at
    from unpivoted
)

select * from final
