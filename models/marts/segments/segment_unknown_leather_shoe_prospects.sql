{#- Unknown visitors interested in leather shoes: anonymous profiles (no user id, CRM contact,
    email or phone) with at least var('leather_interest_min_views') (default 2) product views in
    var('leather_shoes_category'). Qualified at the view that reached that number. -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

dim_customers as (
    select * from {{ ref('dim_customers') }}
),

leather_views as (
    select
        fct_activities.customer_id,
        fct_activities.occurred_at,
        row_number() over (
            partition by fct_activities.customer_id
            order by fct_activities.occurred_at, fct_activities.activity_id
        ) as view_number
    from fct_activities
    inner join dim_customers
        on fct_activities.customer_id = dim_customers.customer_id
    where
        not dim_customers.is_known
        and fct_activities.activity_type = 'product_view'
        and lower(fct_activities.product_category)
        = lower({{ sql_string(var('leather_shoes_category')) }})
),

final as (
    select
        customer_id,
        occurred_at as qualified_at
    from leather_views
    where view_number = {{ var('leather_interest_min_views') }}
)

select * from final
